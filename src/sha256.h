/*
** sha256.h: SHA-256 (FIPS 180-4), used by the store to recognise an
** article it already holds by the hash of its text.  SQLite has no hash
** function built in, and a cryptographic hash means two different texts
** are never mistaken for one another in practice.
*/
#ifndef CONTRA_SHA256_H
#define CONTRA_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_SIZE 32

typedef struct sha256 {
    uint32_t h[8];
    uint64_t total;          /* bytes fed so far */
    unsigned char buf[64];   /* a partial block */
    size_t nbuf;
} sha256_t;

void sha256_init(sha256_t *c);
void sha256_update(sha256_t *c, const void *data, size_t n);
void sha256_final(sha256_t *c, unsigned char out[SHA256_SIZE]);

/* The digest of one buffer in one call. */
void sha256(const void *data, size_t n, unsigned char out[SHA256_SIZE]);

#endif
