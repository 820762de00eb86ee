"""The chart of bench/speed-breakdown: per clip, faceblur's wall time split into its stages, beside FFmpeg's.

/usr/bin/python3 breakdown_chart.py speed-breakdown.json OUT.png   (needs Debian's python3-matplotlib)
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# The parts of the wall time, in the order they happen; each a share of the run measured from outside.
PARTS = [("start-up", "startup_s", "#7f7f7f"), ("analysis pass", "analysis_pass_s", "#1f77b4"),
         ("track", "track_s", "#9467bd"), ("render pass", "render_pass_s", "#2ca02c"),
         ("exit and rest", "rest_s", "#c7c7c7")]


def main(data_file, out):
    data = json.load(open(data_file))
    clips = data["clips"]
    fig, ax = plt.subplots(figsize=(9, 1.2 + 1.1 * len(clips)), dpi=100)
    labels = []
    for i, c in enumerate(clips):
        y = 2 * i
        left = 0
        for name, key, color in PARTS:
            v = c["wall"][key]
            ax.barh(y, v, left=left, color=color, label=name if i == 0 else None)
            if v > 0.04 * c["faceblur_median_s"]:
                ax.text(left + v / 2, y, f"{v:.1f}", ha="center", va="center", fontsize=7, color="white")
            left += v
        ax.barh(y + 0.8, c["ffmpeg_median_s"], color="#d62728", label="FFmpeg x264 transcode" if i == 0 else None)
        ax.text(c["ffmpeg_median_s"], y + 0.8, f" {c['ffmpeg_median_s']:.1f} s", va="center", fontsize=7)
        labels += [(y, f"{c['size']} faceblur\n{c['ratio']:.2f}x FFmpeg"), (y + 0.8, "FFmpeg")]
    ax.set_yticks([y for y, _ in labels], [t for _, t in labels], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("seconds (medians of paired runs)")
    ax.set_title("Where faceblur blur's time goes (bench/speed-breakdown)")
    ax.legend(fontsize=7, loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
