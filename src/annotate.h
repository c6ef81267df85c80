/*
** annotate.h: contra's own rule-based annotator.  Given an article's text
** it finds entities, quotes with their speakers, claims, and candidate
** contradicts/supports relations, deterministically (same input, same
** output, byte for byte).  Pure core: no I/O except through lexicon.h.
*/
#ifndef CONTRA_ANNOTATE_H
#define CONTRA_ANNOTATE_H

#include "lexicon.h"
#include "model.h"

/* Add auto annotations to a (which has text and may already carry
** imported or user annotations; those are kept and never duplicated).
** Every relation it adds has origin ORIGIN_AUTO.  Fills in a->published
** from a "date YYYY-MM-DD" prefix when it is not set. */
void annotate_article(article_t *a, const lexicon_t *lex);

#endif
