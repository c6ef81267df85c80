/*
** test_link.c: :link and :unlink in the reader, from the selected quote
** or claim (contra link and contra unlink for the one in view): the
** claims panel shows the link at once, a second process sees it
** committed, and the mistakes a user makes get a message.  And :tag
** with a note names the claim it tagged.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

/* One article, in reading order: C1 the authority's claim, Q2 the
** harbour master's quote, which the annotator (origin auto) says
** contradicts C1, C3 the ministry's claim. */
static const char *json =
    "{\"contra\": 1, \"title\": \"Harbour ship left on time, port says\","
    " \"source\": \"Test Wire\", \"published\": \"2026-05-02\", \"text\":"
    " \"The Port Authority said on Monday that the ship had left on time."
    "\\n\\n\\u201cThe ship was late,\\u201d said Mara Olsen, the harbour"
    " master.\\n\\nThe Trade Ministry claimed that the cargo was inspected"
    " twice.\", \"entities\": [{\"id\": \"E1\", \"name\": \"Port Authority\","
    " \"kind\": \"organization\", \"mentions\": [[4, 18]]}, {\"id\": \"E2\","
    " \"name\": \"Mara Olsen\", \"kind\": \"person\", \"mentions\": [[93, 103]]},"
    " {\"id\": \"E3\", \"name\": \"Trade Ministry\", \"kind\": \"organization\","
    " \"mentions\": [[130, 144]]}], \"quotes\": [{\"id\": \"Q2\", \"speaker\":"
    " \"E2\", \"span\": [68, 85], \"direct\": true}], \"claims\": [{\"id\":"
    " \"C1\", \"claimant\": \"E1\", \"span\": [39, 64]}, {\"id\": \"C3\","
    " \"claimant\": \"E3\", \"span\": [158, 187]}], \"relations\": [{\"type\":"
    " \"contradicts\", \"from\": \"Q2\", \"to\": \"C1\", \"origin\": \"auto\"}]}";

/* The relations of the library as a second process sees them:
** "type from to origin" lines, in export order. */
static char *relations(void)
{
    char *exp = e2e_export(&e);
    char **r = e2e_query(exp, "SELECT json_extract(value, '$.type') || ' ' ||"
                         " json_extract(value, '$.from') || ' ' || json_extract(value, '$.to')"
                         " || ' ' || json_extract(value, '$.origin')"
                         " FROM json_each(?1, '$[0].relations')");
    free(exp);
    size_t n = 0;
    for (int i = 0; r && r[i]; i++)
        n += strlen(r[i]) + 1;
    char *s = calloc(1, n + 1);
    for (int i = 0; r && r[i]; i++) {
        strcat(s, r[i]);
        strcat(s, "\n");
    }
    e2e_strv_free(r);
    return s;
}

static void command(term_t *t, const char *line)
{
    char buf[200];
    snprintf(buf, sizeof buf, ":%s" TK_ENTER, line);
    term_send(t, buf);
}

int main(void)
{
    e2e_setup_json(&e, "link.json", json);
    char *exp = e2e_export_library(&e, NULL);
    char **ord = e2e_reading_order(exp, "$[0]");
    free(exp);
    if (e2e_strv_len(ord) != 3) {
        printf("Bail out! the test article did not import as written\n");
        return 1;
    }
    const char *c1 = ord[0], *q2 = ord[1], *c3 = ord[2];
    char want[200], *rel;

    term_t *t = e2e_read_newest(&e, 40, 120, NULL);
    e2e_see(t, "Harbour ship left", "the article opens");
    e2e_first_frame(t);
    e2e_select(t, 1);

    snprintf(want, sizeof want, ":link supports %s", c3);
    command(t, want + 1);
    snprintf(want, sizeof want, "%s supports %s (saved)", c1, c3);
    e2e_see_status(t, want, ":link supports C3 on C1 says '%s'", want);
    e2e_see(t, "+>1", "  the claims panel shows C1 supports one");
    e2e_see(t, "+<1", "  and C3 is supported by one");
    rel = relations();
    snprintf(want, sizeof want, "supports %s %s user\n", c1, c3);
    ok(strstr(rel, want) != NULL, "  a second process sees the link, a person's");
    free(rel);
    term_send(t, "U");
    snprintf(want, sizeof want, "U undoes tags and notes; :unlink %s takes the link back", c3);
    e2e_see_status(t, want, "U right after a link says how to take it back, as it is typed");

    snprintf(want, sizeof want, "link contradicts %s", q2);
    command(t, want);
    snprintf(want, sizeof want, "%s contradicts %s: the annotator's link, now confirmed", q2, c1);
    e2e_see_status(t, want, ":link contradicts Q2 on C1 confirms Q2's link the other way round");
    rel = relations();
    snprintf(want, sizeof want, "contradicts %s %s user\n", q2, c1);
    ok(strstr(rel, want) != NULL, "  a second process sees it confirmed, not a second link");
    free(rel);
    /* U after a confirmation: :unlink would not take it back but remove
    ** the link for good, and U said to do just that. */
    term_send(t, "U");
    snprintf(want, sizeof want, "U undoes tags and notes; the link you confirmed stays "
             "(:unlink %s removes it for good)", q2);
    e2e_see_status(t, want, "U right after a confirmation says it stays, and what :unlink would do");

    /* A note first, for U after the :unlink to leave alone (it undid it). */
    term_send(t, "a" TK_CTRL_U "keep this" TK_ENTER);
    snprintf(want, sizeof want, "%s: note saved", c1);
    e2e_see_status(t, want, "a note on C1");
    snprintf(want, sizeof want, "unlink %s", q2);
    command(t, want);
    snprintf(want, sizeof want, "1 link between %s and %s removed", c1, q2);
    e2e_see_status(t, want, ":unlink Q2 says what it removed");
    rel = relations();
    ok(strstr(rel, q2) == NULL, "  a second process sees no link with Q2");
    free(rel);
    term_send(t, "U");
    snprintf(want, sizeof want, "U undoes tags and notes; on %s, :link contradicts %s links them again",
             q2, c1);
    e2e_see_status(t, want, "U right after :unlink says how to link them again, from Q2's end");
    char *exp2 = e2e_export(&e);
    char *note = exp2 ? e2e_query1(exp2, "SELECT json_extract(c.value, '$.note') FROM json_each(?1) a,"
                                   " json_each(json_extract(a.value, '$.claims')) c"
                                   " WHERE json_extract(c.value, '$.note') IS NOT NULL") : NULL;
    is_str(note, "keep this", "  and C1's note is not undone");
    free(note);
    free(exp2);

    snprintf(want, sizeof want, "unlink %s", q2);
    command(t, want);
    snprintf(want, sizeof want, "no link between %s and %s", c1, q2);
    e2e_see_status(t, want, ":unlink again: there is none");

    /* x from C1 lands on C3; J and K back to C3 and x again goes round
    ** C3's own ring (C1 and Q2), not on round C1's. */
    snprintf(want, sizeof want, "link contradicts %s", c3);
    command(t, want);
    snprintf(want, sizeof want, "%s contradicts %s", c1, c3);
    e2e_see_status(t, want, "C1 contradicts C3");
    term_send(t, "x");
    e2e_see_status(t, "contradiction 1 of 1; x or Ctrl-O goes back",
                   "x to C1's one contradiction says there is no next one");
    snprintf(want, sizeof want, "link contradicts %s", q2);
    command(t, want);
    snprintf(want, sizeof want, "%s contradicts %s", c3, q2);
    e2e_see_status(t, want, "on C3: C3 contradicts Q2");
    e2e_press(t, "K");
    e2e_press(t, "J");
    term_send(t, "x");
    e2e_see_status(t, "contradiction 1 of 2", "K, J back to C3, and x goes round C3's own two");
    e2e_press(t, TK_CTRL_O);
    e2e_press(t, "K");
    e2e_press(t, "K");      /* C1 again, for what follows */

    /* :tag with a note names what it tagged, as d does. */
    command(t, "tag disputed see the port log");
    snprintf(want, sizeof want, "%s tagged disputed, with a note (saved)", c1);
    e2e_see_status(t, want, ":tag with a note names the claim: '%s'", want);

    /* The mistakes. */
    command(t, "link refutes C1");
    e2e_see_status(t, "usage: :link contradicts|supports ID", "an unknown link type: the usage");
    command(t, "unlink");
    e2e_see_status(t, "usage: :unlink ID", ":unlink alone: the usage");
    command(t, "link supports C99999");
    e2e_see_status(t, "no quote or claim C99999 in the library", "a claim not there");
    snprintf(want, sizeof want, "link supports %s", c1);
    command(t, want);
    e2e_see_status(t, "cannot support itself", "a claim cannot support itself");
    snprintf(want, sizeof want, "link supports Q%s", c3 + 1);
    command(t, want);
    snprintf(want, sizeof want, "no quote Q%s (%s is a claim: %s)", c3 + 1, c3 + 1, c3);
    e2e_see_status(t, want, "the wrong letter names what the id is");

    ok(e2e_quit(t), "Q quits");
    term_free(t);

    /* On the library screen, :link has nothing to start from. */
    t = e2e_reader(&e, 24, 80, NULL, NULL);
    e2e_see(t, "Harbour ship", "the library screen");
    command(t, "link supports C1");
    e2e_see_status(t, ":link works on the selected quote or claim of an article",
                   ":link on the library screen says where it works");
    ok(e2e_quit(t), "Q quits");
    term_free(t);

    e2e_strv_free(ord);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
