#!/usr/bin/env python3
"""Validate the offline music catalog used by the deterministic pathway generator.

Usage: python3 check_catalog.py [path/to/offline-catalog.json]

Without an argument the script looks for
pathways/src/main/resources/catalog/offline-catalog.json relative to this file.
Prints a summary and exits with status 1 if any check fails (stdlib only).
"""
import datetime
import json
import os
import re
import sys
from collections import Counter, defaultdict, deque

MIN_ARTISTS = 170
MIN_GENRES = 40
MIN_TRACKS, MAX_TRACKS = 2, 5
MIN_AVG_DEGREE = 3.0
EARLIEST_YEAR, LATEST_YEAR = 1800, 2030

ARTIST_ID = re.compile(r"^mjc-[a-z0-9]+(-[a-z0-9]+)*$")
GENRE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

TOP_KEYS = {"version": int, "source": str, "genres": list, "artists": list}
GENRE_KEYS = {"id": str, "name": str, "parents": list, "emergedIn": int, "description": str}
ARTIST_KEYS = {"id": str, "name": str, "genres": list, "activeFrom": int, "activeTo": (int, type(None)),
               "origin": str, "influences": list, "collaborators": list, "tracks": list, "description": str}

errors = []
warnings = []


def err(msg):
    errors.append(msg)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def check_type(where, key, value, expected):
    if expected is int or expected == (int, type(None)):
        ok = is_int(value) or (expected != int and value is None)
    else:
        ok = isinstance(value, expected)
    if not ok:
        err(f"{where}: field '{key}' has wrong type {type(value).__name__}")
    return ok


def check_keys(where, obj, spec):
    if not isinstance(obj, dict):
        err(f"{where}: expected an object")
        return False
    keys = set(obj)
    missing, extra = set(spec) - keys, keys - set(spec)
    if missing:
        err(f"{where}: missing keys {sorted(missing)}")
    if extra:
        err(f"{where}: unexpected keys {sorted(extra)}")
    ok = not missing and not extra
    for k, t in spec.items():
        if k in obj and not check_type(where, k, obj[k], t):
            ok = False
    return ok


def check_description(where, text):
    """Exactly two sentences: each ends with a period, no other sentence punctuation."""
    if not text.strip() or text != text.strip():
        err(f"{where}: description is empty or has surrounding whitespace")
        return
    if not text.endswith("."):
        err(f"{where}: description must end with a period")
        return
    for bad in ("!", "?", "...", "\u2026", "\n"):
        if bad in text:
            err(f"{where}: description contains forbidden character(s) {bad!r}")
    sentences = [s for s in text[:-1].split(". ")]
    if len(sentences) != 2:
        err(f"{where}: description has {len(sentences)} sentences, expected exactly 2")
        return
    if text.count(".") != 2:
        err(f"{where}: description contains a period inside a sentence (abbreviation or decimal?)")
    for s in sentences:
        if len(s.split()) < 4:
            err(f"{where}: description sentence too short: {s!r}")
        if not (s[0].isupper() or s[0].isdigit()):
            err(f"{where}: description sentence must start with a capital letter or digit: {s!r}")


def check_string_list(where, key, values, id_re=None):
    if not all(isinstance(v, str) and v for v in values):
        err(f"{where}: '{key}' must contain non-empty strings")
        return False
    if len(set(values)) != len(values):
        err(f"{where}: '{key}' contains duplicates")
    if id_re:
        for v in values:
            if not id_re.match(v):
                err(f"{where}: '{key}' entry {v!r} has invalid id format")
    return True


def main(path):
    raw = open(path, encoding="utf-8").read()
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as e:
        print(f"FAIL: invalid JSON: {e}")
        return 1

    if not check_keys("document", doc, TOP_KEYS):
        report()
        return 1
    if doc["version"] != 1:
        err("document: version must be 1")
    if not doc["source"].strip():
        err("document: source must be non-empty")
    if raw != json.dumps(doc, indent=2, ensure_ascii=False) + "\n":
        err("document: file is not canonical 2-space indented UTF-8 JSON (re-serialize with indent=2, ensure_ascii=False)")

    # ---------------- genres ----------------
    genres = {}
    for i, g in enumerate(doc["genres"]):
        where = f"genres[{i}]"
        if not check_keys(where, g, GENRE_KEYS):
            continue
        where = f"genre {g['id']}"
        if not GENRE_ID.match(g["id"]):
            err(f"{where}: invalid genre id format")
        if g["id"] in genres:
            err(f"{where}: duplicate genre id")
        genres[g["id"]] = g
        if not g["name"].strip():
            err(f"{where}: empty name")
        if not EARLIEST_YEAR <= g["emergedIn"] <= LATEST_YEAR:
            err(f"{where}: implausible emergedIn {g['emergedIn']}")
        check_string_list(where, "parents", g["parents"], GENRE_ID)
        check_description(where, g["description"])
    for gid, g in genres.items():
        for p in g["parents"]:
            if p == gid:
                err(f"genre {gid}: lists itself as parent")
            elif p not in genres:
                err(f"genre {gid}: unknown parent {p!r}")
    # parent cycles
    state = {}

    def visit(gid, stack):
        state[gid] = 1
        for p in genres[gid]["parents"]:
            if p not in genres or p == gid:
                continue
            if state.get(p) == 1:
                err(f"genre parent cycle: {' -> '.join(stack + [gid, p])}")
            elif p not in state:
                visit(p, stack + [gid])
        state[gid] = 2

    for gid in genres:
        if gid not in state:
            visit(gid, [])

    # ---------------- artists ----------------
    artists = {}
    order = []
    for i, a in enumerate(doc["artists"]):
        where = f"artists[{i}]"
        if not check_keys(where, a, ARTIST_KEYS):
            continue
        where = f"artist {a['id']}"
        if not ARTIST_ID.match(a["id"]):
            err(f"{where}: invalid artist id format")
        if a["id"] in artists:
            err(f"{where}: duplicate artist id")
        artists[a["id"]] = a
        order.append(a)
        for k in ("name", "origin"):
            if not a[k].strip():
                err(f"{where}: empty {k}")
        if not a["genres"]:
            err(f"{where}: must have at least one genre")
        check_string_list(where, "genres", a["genres"], GENRE_ID)
        for gid in a["genres"]:
            if isinstance(gid, str) and gid not in genres:
                err(f"{where}: unknown genre {gid!r}")
        check_string_list(where, "influences", a["influences"], ARTIST_ID)
        check_string_list(where, "collaborators", a["collaborators"], ARTIST_ID)
        if check_string_list(where, "tracks", a["tracks"]):
            if not MIN_TRACKS <= len(a["tracks"]) <= MAX_TRACKS:
                err(f"{where}: has {len(a['tracks'])} tracks, expected {MIN_TRACKS}-{MAX_TRACKS}")
        if not EARLIEST_YEAR <= a["activeFrom"] <= LATEST_YEAR:
            err(f"{where}: implausible activeFrom {a['activeFrom']}")
        if a["activeTo"] is not None:
            if not EARLIEST_YEAR <= a["activeTo"] <= LATEST_YEAR:
                err(f"{where}: implausible activeTo {a['activeTo']}")
            if a["activeFrom"] > a["activeTo"]:
                err(f"{where}: activeFrom {a['activeFrom']} is after activeTo {a['activeTo']}")
        check_description(where, a["description"])

    keys = [(a["activeFrom"], a["name"]) for a in order]
    if keys != sorted(keys):
        err("artists are not sorted by activeFrom then name")

    # references, self references, symmetry, chronology
    current_year = datetime.date.today().year
    for a in order:
        aid = a["id"]
        for kind in ("influences", "collaborators"):
            for ref in a[kind]:
                if ref == aid:
                    err(f"artist {aid}: references itself in {kind}")
                elif ref not in artists:
                    err(f"artist {aid}: unknown artist {ref!r} in {kind}")
        for c in a["collaborators"]:
            if c in artists and aid not in artists[c]["collaborators"]:
                err(f"artist {aid}: collaborator {c} does not list {aid} back")
        for inf in a["influences"]:
            if inf in artists:
                end = a["activeTo"] if a["activeTo"] is not None else current_year
                if artists[inf]["activeFrom"] > end:
                    err(f"artist {aid}: influence {inf} only began in {artists[inf]['activeFrom']}, after {aid} ended")

    # ---------------- graph metrics ----------------
    influence_edges = {(a["id"], i) for a in order for i in a["influences"] if i in artists and i != a["id"]}
    collab_pairs = {tuple(sorted((a["id"], c))) for a in order for c in a["collaborators"] if c in artists and c != a["id"]}
    direct = defaultdict(set)
    for x, y in influence_edges | collab_pairs:
        direct[x].add(y)
        direct[y].add(x)
    influenced_by_someone = {i for _, i in influence_edges}

    for a in order:
        if not direct[a["id"]]:
            err(f"artist {a['id']}: has no influence or collaboration link at all")
        elif not a["influences"] and a["id"] not in influenced_by_someone:
            warnings.append(f"artist {a['id']}: linked only through collaborations (no influence relation)")

    # connectivity over influences + collaborators + shared genres
    by_genre = defaultdict(list)
    for a in order:
        for gid in a["genres"]:
            by_genre[gid].append(a["id"])
    seen = set()
    components = 0
    for start in artists:
        if start in seen:
            continue
        components += 1
        seen.add(start)
        queue = deque([start])
        while queue:
            cur = queue.popleft()
            neighbours = set(direct[cur])
            for gid in artists[cur]["genres"]:
                neighbours.update(by_genre[gid])
            for n in neighbours:
                if n not in seen:
                    seen.add(n)
                    queue.append(n)
    if artists and components != 1:
        err(f"graph is not connected: {components} components")

    avg_degree = sum(len(direct[a]) for a in artists) / len(artists) if artists else 0.0
    if artists and avg_degree < MIN_AVG_DEGREE:
        err(f"average direct links per artist {avg_degree:.2f} is below {MIN_AVG_DEGREE}")
    if len(artists) < MIN_ARTISTS:
        err(f"only {len(artists)} artists, need at least {MIN_ARTISTS}")
    if len(genres) < MIN_GENRES:
        err(f"only {len(genres)} genres, need at least {MIN_GENRES}")

    unused = sorted(set(genres) - set(by_genre))
    if unused:
        warnings.append(f"genres not used by any artist: {', '.join(unused)}")

    # ---------------- summary ----------------
    print(f"Catalog: {path}")
    print(f"  artists:              {len(artists)}")
    print(f"  genres:               {len(genres)} ({len(genres) - len(unused)} used by artists)")
    print(f"  influence links:      {len(influence_edges)}")
    print(f"  collaboration pairs:  {len(collab_pairs)}")
    print(f"  linked artist pairs:  {sum(len(v) for v in direct.values()) // 2}")
    print(f"  avg direct links:     {avg_degree:.2f} per artist")
    print(f"  connected components: {components}")
    print(f"  tracks:               {sum(len(a['tracks']) for a in order)}")
    print(f"  still active:         {sum(1 for a in order if a['activeTo'] is None)}")
    print("  artists by decade of activeFrom:")
    decades = Counter((a["activeFrom"] // 10) * 10 for a in order)
    for d in sorted(decades):
        print(f"    {d}s {decades[d]:4d} {'#' * decades[d]}")
    top = Counter(g for a in order for g in a["genres"]).most_common(8)
    print("  most populated genres: " + ", ".join(f"{g} ({n})" for g, n in top))
    return report()


def report():
    for w in warnings:
        print(f"WARN: {w}")
    for e in errors:
        print(f"FAIL: {e}")
    if errors:
        print(f"RESULT: FAILED with {len(errors)} error(s)")
        return 1
    print(f"RESULT: OK ({len(warnings)} warning(s))")
    return 0


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.normpath(os.path.join(here, "..", "..", "..", "main", "resources", "catalog", "offline-catalog.json"))
    target = sys.argv[1] if len(sys.argv) > 1 else default
    if not os.path.isfile(target):
        print(f"FAIL: catalog not found at {target}")
        sys.exit(1)
    sys.exit(main(target))
