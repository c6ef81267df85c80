#!/usr/bin/env python3
"""markup2json.py: turn hand-annotated article sources into contra JSON.

Owns: the inline markup used to write the sample library (share/samples/src)
and the annotator's gold set (tests/gold/src).  Offsets are never counted by
hand: the annotation is written inline and this script strips the markup and
computes code-point offsets (Python str indexes are code points), half-open.

Usage:
  tools/markup2json.py -o tests/gold --txt tests/gold/src/*.md
      one JSON object per source, written as DIR/<name>.json, and with --txt
      the bare text as DIR/<name>.txt (byte-identical to the "text" field).
  tools/markup2json.py --library share/samples/library.json share/samples/src/*.md
      all sources as one JSON array; ids are renumbered to be unique across
      the file, and relations may point into another source ("02:C3" = claim
      C3 of the source whose name starts with "02").

Source format (UTF-8):

  title: Headline                  (header lines; title/source/url/published
  source: Northline Wire            are all optional)
  url: https://example.org/...
  published: 2026-03-27
  E1 person: Maxim Orlov; Orlov; Mr. Orlov     entity: kind, name; aliases
  Q1: E1                          quote: speaker entity ("-" for none), then
  Q2: E1 indirect disputed note=Text of the note   optional words
  C1: E2 corroborated note=...    claim: claimant, optional status and note
  R: Q1 contradicts C3            relation (origin "import")
  ===
  Body, one paragraph per line, copied verbatim (blank lines kept).

Inline markup in the body: {LABELS|text}, nestable, where LABELS is a
comma-separated list of
  E1     a mention of entity E1
  Q1 C1  the span of quote Q1 / claim C1
  Q1.s   the speaker span of Q1 (also C1.s for the claimant's mention)
  Q1.c   the cue span of Q1 (also C1.c)
e.g. “{Q1|We will not be intimidated,}” {Q1.s,E1|Orlov} {Q1.c|said}.
A label may mark several pieces of text only for E (mentions).  Article text
never contains "{", "}" or "|", so they need no escaping.
"""

import json
import os
import re
import sys

KINDS = ("person", "organization", "place", "other")
STATUSES = ("unreviewed", "disputed", "corroborated")
LABEL_RE = re.compile(r"^([EQC])(\d+)(?:\.([sc]))?$")


class SourceError(Exception):
    pass


def parse_header(lines, name):
    meta, ents, quotes, claims, rels = {}, {}, {}, {}, []
    for ln, line in enumerate(lines, 1):
        where = "%s:%d" % (name, ln)
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"^(title|source|url|published):\s*(.*)$", line)
        if m:
            meta[m.group(1)] = m.group(2).strip()
            continue
        m = re.match(r"^(E\d+)\s+(\w+):\s*(.+)$", line)
        if m:
            eid, kind, rest = m.groups()
            if kind not in KINDS:
                raise SourceError("%s: unknown kind %r" % (where, kind))
            names = [s.strip() for s in rest.split(";") if s.strip()]
            if eid in ents:
                raise SourceError("%s: %s declared twice" % (where, eid))
            ents[eid] = {"kind": kind, "name": names[0], "aliases": names[1:]}
            continue
        m = re.match(r"^([QC]\d+):\s*(\S+)(.*)$", line)
        if m:
            aid, who, rest = m.groups()
            note = None
            if "note=" in rest:
                rest, note = rest.split("note=", 1)
                note = note.strip()
            words = rest.split()
            d = {"speaker": None if who == "-" else who, "status": "unreviewed",
                 "direct": True, "note": note}
            for w in words:
                if w in STATUSES:
                    d["status"] = w
                elif w == "indirect" and aid[0] == "Q":
                    d["direct"] = False
                else:
                    raise SourceError("%s: unknown word %r" % (where, w))
            table = quotes if aid[0] == "Q" else claims
            if aid in table:
                raise SourceError("%s: %s declared twice" % (where, aid))
            table[aid] = d
            continue
        m = re.match(r"^R:\s*(\S+)\s+(contradicts|supports)\s+(\S+)\s*$", line)
        if m:
            rels.append((m.group(1), m.group(2), m.group(3)))
            continue
        raise SourceError("%s: cannot parse header line" % where)
    return meta, ents, quotes, claims, rels


def strip_markup(body, name):
    """Return (text, spans) where spans maps label -> list of [start, end)."""
    out = []
    pos = 0            # code points written so far
    stack = []
    spans = {}
    i = 0
    n = len(body)
    while i < n:
        ch = body[i]
        if ch == "{":
            bar = body.find("|", i)
            if bar < 0:
                raise SourceError("%s: '{' without '|' at char %d" % (name, i))
            labels = body[i + 1:bar].split(",")
            for lab in labels:
                if not LABEL_RE.match(lab.strip()):
                    raise SourceError("%s: bad label %r near %r"
                                      % (name, lab, body[i:i + 40]))
            stack.append(([l.strip() for l in labels], pos, i))
            i = bar + 1
            continue
        if ch == "}":
            if not stack:
                raise SourceError("%s: unbalanced '}' near %r" % (name, body[max(0, i - 40):i]))
            labels, start, _ = stack.pop()
            if start == pos:
                raise SourceError("%s: empty span %s" % (name, labels))
            for lab in labels:
                spans.setdefault(lab, []).append([start, pos])
            i += 1
            continue
        if ch == "|":
            raise SourceError("%s: stray '|' near %r" % (name, body[max(0, i - 40):i + 10]))
        out.append(ch)
        pos += 1
        i += 1
    if stack:
        raise SourceError("%s: unclosed '{' near %r" % (name, body[stack[-1][2]:stack[-1][2] + 40]))
    return "".join(out), spans


def one_span(spans, label, name, required):
    v = spans.get(label, [])
    if len(v) > 1:
        raise SourceError("%s: %s marks %d spans, expected one" % (name, label, len(v)))
    if not v:
        if required:
            raise SourceError("%s: %s has no span in the body" % (name, label))
        return None
    return v[0]


def convert(path):
    """Parse one source file into an article dict with local ids."""
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    if "\n===\n" not in raw:
        raise SourceError("%s: no '===' line between header and body" % name)
    head, body = raw.split("\n===\n", 1)
    meta, ents, quotes, claims, rels = parse_header(head.split("\n"), name)
    text, spans = strip_markup(body, name)

    for lab in spans:
        base = lab.split(".")[0]
        table = {"E": ents, "Q": quotes, "C": claims}[base[0]]
        if base not in table:
            raise SourceError("%s: %s used in the body but not declared" % (name, lab))

    art = {"contra": 1}
    for k in ("title", "source", "url", "published"):
        if k in meta:
            art[k] = meta[k]
    art["text"] = text

    entities = []
    for eid, e in ents.items():
        ms = sorted(spans.get(eid, []))
        if not ms:
            raise SourceError("%s: entity %s has no mention" % (name, eid))
        allowed = set([e["name"]] + e["aliases"])
        for s, t in ms:
            if text[s:t] not in allowed:
                raise SourceError("%s: mention %r of %s is neither its name nor an alias"
                                  % (name, text[s:t], eid))
        entities.append({"id": eid, "name": e["name"], "kind": e["kind"],
                         "aliases": e["aliases"], "mentions": ms})

    def assertion(aid, d, is_quote):
        o = {"id": aid}
        key = "speaker" if is_quote else "claimant"
        if d["speaker"] is not None:
            if d["speaker"] not in ents:
                raise SourceError("%s: %s names unknown entity %s" % (name, aid, d["speaker"]))
            o[key] = d["speaker"]
        o["span"] = one_span(spans, aid, name, True)
        for suffix, field in ((".s", "speaker_span"), (".c", "cue_span")):
            s = one_span(spans, aid + suffix, name, False)
            if s is not None:
                o[field] = s
        if is_quote:
            o["direct"] = d["direct"]
        o["status"] = d["status"]
        if d["note"]:
            o["note"] = d["note"]
        return o

    art["entities"] = entities
    art["quotes"] = [assertion(k, v, True) for k, v in quotes.items()]
    art["claims"] = [assertion(k, v, False) for k, v in claims.items()]
    art["relations"] = [{"type": t, "from": a, "to": b, "origin": "import"}
                        for a, t, b in rels]
    return art


def dump(obj):
    """JSON with each span on one line, so diffs of the gold set stay readable."""
    s = json.dumps(obj, ensure_ascii=False, indent=2)
    s = re.sub(r"\[\s+(\d+),\s+(\d+)\s+\]", r"[\1, \2]", s)
    s = re.sub(r"\[\s+\]", "[]", s)
    return s + "\n"


def check_local_relations(art, name):
    ids = {a["id"] for a in art["quotes"] + art["claims"]}
    for r in art["relations"]:
        for end in (r["from"], r["to"]):
            if end not in ids:
                raise SourceError("%s: relation end %s is not a quote or claim here"
                                  % (name, end))


def library(out, paths):
    arts = []
    prefixes = []
    for p in paths:
        arts.append(convert(p))
        prefixes.append(os.path.basename(p).split("-")[0])
    # Renumber every id so that the file's ids are unique; keep a map from
    # (source index, local id) to the new id for relation ends.
    counters = {"E": 0, "Q": 0, "C": 0}
    idmap = []
    for art in arts:
        m = {}
        for coll in ("entities", "quotes", "claims"):
            for o in art[coll]:
                k = o["id"][0]
                counters[k] += 1
                m[o["id"]] = "%s%d" % (k, counters[k])
        idmap.append(m)
    for i, art in enumerate(arts):
        m = idmap[i]
        for coll in ("entities", "quotes", "claims"):
            for o in art[coll]:
                o["id"] = m[o["id"]]
                for key in ("speaker", "claimant"):
                    if key in o:
                        o[key] = m[o[key]]
        for r in art["relations"]:
            for end in ("from", "to"):
                ref = r[end]
                if ":" in ref:
                    pre, local = ref.split(":", 1)
                    if pre not in prefixes:
                        raise SourceError("%s: no source %s" % (paths[i], pre))
                    tm = idmap[prefixes.index(pre)]
                else:
                    local, tm = ref, m
                if local not in tm or local[0] == "E":
                    raise SourceError("%s: relation end %s unknown" % (paths[i], ref))
                r[end] = tm[local]
    with open(out, "w", encoding="utf-8") as f:
        f.write(dump(arts))


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description="inline markup -> contra JSON")
    ap.add_argument("-o", "--outdir", default=".")
    ap.add_argument("--txt", action="store_true", help="also write NAME.txt")
    ap.add_argument("--library", metavar="OUT", help="one JSON array of all sources")
    ap.add_argument("sources", nargs="+")
    a = ap.parse_args(argv)
    try:
        if a.library:
            library(a.library, sorted(a.sources))
            return 0
        for p in sorted(a.sources):
            art = convert(p)
            check_local_relations(art, p)
            stem = os.path.splitext(os.path.basename(p))[0]
            with open(os.path.join(a.outdir, stem + ".json"), "w", encoding="utf-8") as f:
                f.write(dump(art))
            if a.txt:
                with open(os.path.join(a.outdir, stem + ".txt"), "w", encoding="utf-8",
                          newline="") as f:
                    f.write(art["text"])
    except SourceError as e:
        print("markup2json: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
