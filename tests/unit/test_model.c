/*
** test_model.c: the article model's appenders, ordering and name tables.
*/
#include "config.h"
#include "tap.h"
#include "model.h"

int main(void)
{
    article_t *a = article_new();
    entity_t *e = article_add_entity(a);
    e->name = strdup("Maxim Orlov");
    e->kind = KIND_PERSON;
    entity_add_alias(e, "Orlov");
    entity_add_alias(e, "Orlov");
    entity_add_alias(e, "Maxim Orlov");
    is_int(e->naliases, 1, "aliases are kept once, and the name is not an alias");
    for (int i = 20; i > 0; i--)
        entity_add_mention(e, (span_t){i * 10, i * 10 + 5});
    is_int(e->nmentions, 20, "mentions grow past the first block");

    /* Three assertions out of order, with relations between them. */
    assertion_t *q = article_add_assertion(a);
    q->span = (span_t){300, 340};
    q->kind = ASSERT_CLAIM;
    ok(q->speaker == -1 && !span_present(q->speaker_span), "a new assertion has no speaker");
    q = article_add_assertion(a);
    q->span = (span_t){10, 40};
    q->kind = ASSERT_QUOTE;
    q = article_add_assertion(a);
    q->span = (span_t){100, 140};
    relation_t *r = article_add_relation(a);
    r->from.index = 0;   /* 300..340 */
    r->to.index = 1;     /* 10..40 */
    article_sort(a);
    is_int(a->assertions[0].span.start, 10, "assertions sorted by start");
    is_int(a->assertions[2].span.start, 300, "last is the latest");
    is_int(a->relations[0].from.index, 2, "relation from follows its assertion");
    is_int(a->relations[0].to.index, 0, "relation to follows its assertion");
    is_int(e->mentions[0].start, 10, "mentions sorted");
    is_int(article_count_status(a, STATUS_UNREVIEWED), 3, "new assertions are unreviewed");

    is_str(status_name(STATUS_DISPUTED), "disputed", "status names come from the table");
    is_int(status_parse("corroborated"), STATUS_CORROBORATED, "status parses");
    is_int(status_parse("Disputed"), -1, "status names are exact");
    is_int(entity_kind_parse("organisation"), KIND_ORGANIZATION, "British spelling accepted");
    is_str(entity_kind_label(KIND_PLACE), "Places", "kind label");
    is_int(relation_type_parse("supports"), REL_SUPPORTS, "relation type parses");
    is_int(origin_parse("user"), ORIGIN_USER, "origin parses");
    article_free(a);
    return done_testing();
}
