"""Reading the JSON of 'faceblur eval video' and 'faceblur eval images'.

The field names are collected here so that a change in those commands' output is a change in one place.
'eval video' (faceblur.eval.LeakReport): byHeight[{heights, minHeight, maxHeight, tally{faceFrames, leaked,
leakRate}, featureless}], overall{...}, atLeast24px{...}, longestLeakRun, changedOutsideFaces,
featurelessFaceFrames, featurelessAtLeast24px (left out of the tallies), correlationCheck{rule{sigma,
minCorrelation}, overall{...}, atLeast24px{...}, disagree{leakedByPixelRuleOnly, leakedByCorrelationOnly},
disagreeAtLeast24px{...}} (the second rule; older builds write neither: None).
'eval images' (faceblur.cli.EvalImagesCommand.Result): detector{...}, shape, maskScale, seconds,
report{images, averagePrecision, buckets[{bucket, minHeight, maxHeight, faces, found, recall, detections,
truePositives, precision, meanCoverage, coveredShare}], all{...}}; other layouts are read loosely.
"""

LEAK = {
    "buckets": "byHeight", "label": "heights", "min": "minHeight", "tally": "tally",
    "total": "faceFrames", "leaked": "leaked",
    "overall": "overall", "big": "atLeast24px", "longest": "longestLeakRun",
    "outside": "changedOutsideFaces", "frames": "frames",
    "featureless": "featurelessFaceFrames", "featureless_big": "featurelessAtLeast24px",
    "bucket_featureless": "featureless",
    "check": "correlationCheck", "disagree": "disagree", "disagree_big": "disagreeAtLeast24px",
    "pixel_only": "leakedByPixelRuleOnly", "correlation_only": "leakedByCorrelationOnly",
}


def _tally(node):
    t = node.get(LEAK["tally"], node) if isinstance(node, dict) else {}
    return int(t.get(LEAK["total"], 0) or 0), int(t.get(LEAK["leaked"], 0) or 0)


def _disagree(node):
    d = node if isinstance(node, dict) else {}
    return int(d.get(LEAK["pixel_only"], 0) or 0), int(d.get(LEAK["correlation_only"], 0) or 0)


def leak_summary(j):
    """{'buckets': [(label, min, total, leaked)], 'overall': (total, leaked), 'big': (...), 'longest', 'outside',
    'frames', 'featureless', 'featureless_big', 'bucket_featureless': {label: n}, 'check': None or
    {'min_correlation', 'overall': (total, leaked), 'big': (...), 'disagree': (pixel rule only, correlation rule
    only), 'disagree_big': (...)}}."""
    buckets = []
    bucket_featureless = {}
    for row in j.get(LEAK["buckets"], []):
        total, leaked = _tally(row)
        buckets.append((str(row.get(LEAK["label"])), row.get(LEAK["min"], len(buckets)), total, leaked))
        bucket_featureless[str(row.get(LEAK["label"]))] = int(row.get(LEAK["bucket_featureless"], 0) or 0)
    check = j.get(LEAK["check"])
    if isinstance(check, dict):
        check = {"min_correlation": (check.get("rule") or {}).get("minCorrelation"),
                 "overall": _tally(check.get(LEAK["overall"], {})), "big": _tally(check.get(LEAK["big"], {})),
                 "disagree": _disagree(check.get(LEAK["disagree"])),
                 "disagree_big": _disagree(check.get(LEAK["disagree_big"]))}
    else:
        check = None
    return {"buckets": buckets, "overall": _tally(j.get(LEAK["overall"], {})),
            "big": _tally(j.get(LEAK["big"], {})), "longest": j.get(LEAK["longest"]),
            "outside": j.get(LEAK["outside"]), "frames": j.get(LEAK["frames"]),
            "featureless": int(j.get(LEAK["featureless"], 0) or 0),
            "featureless_big": int(j.get(LEAK["featureless_big"], 0) or 0),
            "bucket_featureless": bucket_featureless, "check": check}


# --- eval images -----------------------------------------------------------------------------------------

IMAGES = {"report": "report", "buckets": "buckets", "all": "all", "ap": "averagePrecision", "images": "images",
          "seconds": "seconds", "detector": "detector", "shape": "shape", "mask": "maskScale"}
ROW = {"label": "bucket", "faces": "faces", "found": "found", "recall": "recall", "detections": "detections",
       "truePositives": "truePositives", "precision": "precision", "meanCoverage": "meanCoverage",
       "coveredShare": "coveredShare"}


def image_summary(j):
    """{'rows': [row], 'all': row or None, 'ap', 'images', 'seconds', 'settings'}; a row is a dict with the
    keys of ROW (None where the JSON has no such number)."""
    report = j.get(IMAGES["report"]) if isinstance(j, dict) else None
    if isinstance(report, dict) and isinstance(report.get(IMAGES["buckets"]), list):
        def row(r):
            return {k: r.get(v) for k, v in ROW.items()}
        settings = dict(j.get(IMAGES["detector"]) or {})
        settings.update({k: j.get(IMAGES[k]) for k in ("shape", "mask") if j.get(IMAGES[k]) is not None})
        return {"rows": [row(r) for r in report[IMAGES["buckets"]]],
                "all": row(report[IMAGES["all"]]) if isinstance(report.get(IMAGES["all"]), dict) else None,
                "ap": report.get(IMAGES["ap"]), "images": report.get(IMAGES["images"]),
                "seconds": j.get(IMAGES["seconds"]), "settings": settings}
    # Another layout: take what can be recognised.
    rows = [{"label": lab, "faces": faces, "found": found, "recall": rec} for lab, faces, found, rec in recall_rows(j)]
    return {"rows": rows, "all": None, "ap": None, "images": None, "seconds": None,
            "settings": {}, "headline": headline_numbers(j)}


BUCKET_KEYS = ["byHeight", "bySize", "byFaceSize", "buckets", "sizes"]
LABEL_KEYS = ["heights", "label", "size", "bucket", "range", "name"]
COUNT_KEYS = ["faces", "groundTruth", "gtFaces", "total", "count", "truth"]
FOUND_KEYS = ["found", "detected", "matched", "hits", "truePositives", "tp"]


def _flat(d, prefix=""):
    """A dict's scalar values with nested dicts flattened one level deep ('tally.recall')."""
    out = {}
    for k, v in d.items():
        if isinstance(v, dict) and not prefix:
            out.update(_flat(v, k + "."))
        elif isinstance(v, (int, float, str)) and not isinstance(v, bool):
            out[prefix + k] = v
    return out


def _pick(flat, names, numeric=True):
    for n in names:
        for k, v in flat.items():
            if k.split(".")[-1].lower() == n.lower() and (not numeric or isinstance(v, (int, float))):
                return v
    return None


def _recall(flat):
    for k, v in flat.items():
        if "recall" in k.lower() and isinstance(v, (int, float)):
            return v
    return None


def _find_bucket_list(j):
    if isinstance(j, dict):
        for k in BUCKET_KEYS:
            if isinstance(j.get(k), list) and j[k] and isinstance(j[k][0], dict):
                return j[k]
    stack = [j]
    while stack:
        n = stack.pop(0)
        if isinstance(n, list) and n and all(isinstance(x, dict) for x in n) \
                and any(_recall(_flat(x)) is not None for x in n):
            return n
        if isinstance(n, dict):
            stack.extend(n.values())
        elif isinstance(n, list):
            stack.extend(n)
    return []


def recall_rows(j):
    """[(label, faces, found, recall)] by face size, as far as the JSON shows them."""
    rows = []
    for row in _find_bucket_list(j):
        flat = _flat(row)
        label = _pick(flat, LABEL_KEYS, numeric=False)
        if label is None:
            label = next((v for v in flat.values() if isinstance(v, str)), str(len(rows)))
        faces = _pick(flat, COUNT_KEYS)
        found = _pick(flat, FOUND_KEYS)
        recall = _recall(flat)
        if recall is None and faces and found is not None:
            recall = found / faces
        rows.append((str(label), faces, found, recall))
    return rows


def headline_numbers(j):
    """Top-level numbers (and those one level down) whose names speak of recall, precision or AP."""
    flat = _flat(j) if isinstance(j, dict) else {}
    return {k: v for k, v in flat.items() if isinstance(v, (int, float))
            and any(w in k.lower() for w in ("recall", "precision", "ap", "images", "faces", "detections", "false"))}
