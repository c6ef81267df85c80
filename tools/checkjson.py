#!/usr/bin/env python3
"""checkjson.py: validate hand-made contra JSON files and summarise them.

Owns: the consistency check for the sample library and the gold set.  It is
deliberately independent of markup2json.py, so that a bug in the generator
is not also a bug in the check.

Usage:
  tools/checkjson.py share/samples/library.json tests/gold/*.json

Checks, per file: the DESIGN.md shape; ids unique across the file; every
span inside the text (code points, half-open); every mention's text equal to
its entity's name or an alias and not a pronoun; direct quotes bounded by
quote marks; no quote or claim inside a photo caption; speaker, claimant and
relation ends resolving (within the object, then across the file); a sibling
NAME.txt byte-identical to the text; a "date YYYY-MM-DD" prefix agreeing
with "published".  Prints a table; exits 1 if anything is wrong.
"""

import json
import os
import re
import sys

KINDS = {"person", "organization", "place", "other"}
STATUSES = {"unreviewed", "disputed", "corroborated"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"}
OPENERS = "“‘\""
CLOSERS = "”’\""
CAPTION_RE = re.compile(r" - [A-Z][A-Z .’'ÁÉÍÓÚÄÖÜĄĆĘŁŃŚŹŻÇĞŞİÅÆØ-]*/[A-Z][A-Z .’'ÁÉÍÓÚÄÖÜĄĆĘŁŃŚŹŻÇĞŞİÅÆØ-]*$")

errors = []


def err(where, msg):
    errors.append("%s: %s" % (where, msg))


def span_ok(where, text, s):
    if (not isinstance(s, list) or len(s) != 2 or not all(isinstance(x, int) for x in s)
            or not (0 <= s[0] < s[1] <= len(text))):
        err(where, "bad span %r (text has %d code points)" % (s, len(text)))
        return False
    return True


def captions(text):
    """Code-point ranges of caption paragraphs."""
    out, pos = [], 0
    for line in text.split("\n"):
        if CAPTION_RE.search(line):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def check_article(where, a, all_ids):
    counts = dict(words=0, ents=0, mentions=0, quotes=0, claims=0, rels=0)
    if a.get("contra") != 1:
        err(where, '"contra" is not 1')
    text = a.get("text")
    if not isinstance(text, str) or not text:
        err(where, "no text")
        return counts, {}
    counts["words"] = len(text.split())
    m = re.match(r"date (\d{4}-\d{2}-\d{2})", text)
    if m and a.get("published") != m.group(1):
        err(where, "date prefix %s but published %r" % (m.group(1), a.get("published")))
    for k in ("title", "source", "url", "published"):
        if k in a and not isinstance(a[k], str):
            err(where, "%s is not a string" % k)
    local = {}
    for coll in ("entities", "quotes", "claims"):
        for o in a.get(coll, []):
            i = o.get("id")
            if not isinstance(i, str):
                err(where, "%s item without id" % coll)
                continue
            if i in local or i in all_ids:
                err(where, "id %s not unique in the file" % i)
            local[i] = coll
    caps = captions(text)

    for e in a.get("entities", []):
        w = "%s %s" % (where, e.get("id"))
        counts["ents"] += 1
        if e.get("kind") not in KINDS:
            err(w, "bad kind %r" % e.get("kind"))
        names = {e.get("name")} | set(e.get("aliases", []))
        if not e.get("mentions"):
            err(w, "no mentions")
        prev = None
        for s in e.get("mentions", []):
            if not span_ok(w, text, s):
                continue
            counts["mentions"] += 1
            t = text[s[0]:s[1]]
            if t not in names:
                err(w, "mention %r is neither name nor alias" % t)
            if any(s[0] < c1 and c0 < s[1] for c0, c1 in caps):
                err(w, "mention inside a photo caption")
            if t.lower() in PRONOUNS:
                err(w, "pronoun %r as a mention" % t)
            if prev and s[0] < prev[1]:
                err(w, "mentions unsorted or overlapping at %r" % s)
            prev = s

    def assertion(o, key, is_quote):
        w = "%s %s" % (where, o.get("id"))
        if key in o and local.get(o[key]) != "entities":
            err(w, "%s %r is not an entity of this article" % (key, o[key]))
        if is_quote and key not in o and "speaker_span" not in o:
            err(w, "neither speaker nor speaker_span")
        if o.get("status", "unreviewed") not in STATUSES:
            err(w, "bad status %r" % o.get("status"))
        if not span_ok(w, text, o.get("span")):
            return
        s = o["span"]
        for c0, c1 in caps:
            if s[0] < c1 and c0 < s[1]:
                err(w, "span inside a photo caption")
        for f in ("speaker_span", "cue_span"):
            if f in o and span_ok(w + " " + f, text, o[f]):
                if is_quote and o.get("direct", True):
                    t = o[f]
                    if t[0] < s[1] and s[0] < t[1]:
                        err(w, "%s overlaps the quote" % f)
        if is_quote:
            if not isinstance(o.get("direct", True), bool):
                err(w, "direct is not a boolean")
            if o.get("direct", True):
                if s[0] == 0 or text[s[0] - 1] not in OPENERS:
                    err(w, "direct quote does not start after an opening mark")
                if s[1] >= len(text) or text[s[1]] not in CLOSERS:
                    err(w, "direct quote does not end before a closing mark")
                if text[s[0]].isspace() or text[s[1] - 1].isspace():
                    err(w, "quote span has outer white space")

    for q in a.get("quotes", []):
        counts["quotes"] += 1
        assertion(q, "speaker", True)
    for c in a.get("claims", []):
        counts["claims"] += 1
        if "claimant" not in c:
            err("%s %s" % (where, c.get("id")), "claim without claimant")
        assertion(c, "claimant", False)
    counts["rels"] = len(a.get("relations", []))
    return counts, local


def check_file(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        err(path, "not JSON: %s" % e)
        return []
    arts = data if isinstance(data, list) else [data]
    all_ids, locals_, rows = {}, [], []
    for n, a in enumerate(arts):
        where = "%s[%d]" % (os.path.basename(path), n) if len(arts) > 1 else os.path.basename(path)
        counts, local = check_article(where, a, all_ids)
        for k in local:
            all_ids[k] = n
        locals_.append(local)
        rows.append((where, a.get("title") or "(no title)", counts))
    assertion_ids = {k for loc in locals_ for k, v in loc.items() if v != "entities"}
    cross = 0
    for n, a in enumerate(arts):
        for r in a.get("relations", []):
            w = "%s relation %s->%s" % (rows[n][0], r.get("from"), r.get("to"))
            if r.get("type") not in ("contradicts", "supports"):
                err(w, "bad type")
            if r.get("origin", "import") not in ("auto", "import", "user"):
                err(w, "bad origin")
            if r.get("from") == r.get("to"):
                err(w, "relation to itself")
            for end in ("from", "to"):
                x = r.get(end)
                if x in locals_[n]:
                    if locals_[n][x] == "entities":
                        err(w, "%s is an entity" % x)
                elif x not in assertion_ids:
                    err(w, "%s does not resolve" % x)
            if r.get("from") not in locals_[n] or r.get("to") not in locals_[n]:
                cross += 1
    if not isinstance(data, list):
        txt = os.path.splitext(path)[0] + ".txt"
        if os.path.exists(txt):
            with open(txt, "rb") as f:
                if f.read() != data["text"].encode("utf-8"):
                    err(txt, "differs from the JSON text")
    return [(w, t, c, cross if i == 0 else None) for i, (w, t, c) in enumerate(rows)]


def main(paths):
    rows = []
    for p in paths:
        rows.extend(check_file(p))
    tot = dict(words=0, ents=0, mentions=0, quotes=0, claims=0, rels=0)
    print("%-28s %6s %5s %5s %6s %6s %4s  %s" % ("article", "words", "ents", "ments",
                                               "quotes", "claims", "rels", "title"))
    for w, t, c, cross in rows:
        for k in tot:
            tot[k] += c[k]
        print("%-28s %6d %5d %5d %6d %6d %4d  %s" % (w[:28], c["words"], c["ents"], c["mentions"],
                                                   c["quotes"], c["claims"], c["rels"], t[:40]))
    print("%-28s %6d %5d %5d %6d %6d %4d  (%d articles)" % ("TOTAL", tot["words"], tot["ents"],
                                                         tot["mentions"], tot["quotes"],
                                                         tot["claims"], tot["rels"], len(rows)))
    crossing = sum(c for _, _, _, c in rows if c)
    if crossing:
        print("relations crossing articles: %d" % crossing)
    for e in errors:
        print("ERROR " + e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
