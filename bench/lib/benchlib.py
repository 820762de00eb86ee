"""Shared helpers of the bench/ tools: paths, building, running and timing commands, machine facts."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "bench" / "work"
SHARED = ROOT.parent / "shared"
WIDER = SHARED / "eval" / "wider-val-dev"
WIDER_GT = WIDER / "wider_face_val_bbx_gt.txt"
WIDER_IMAGES = WIDER / "images"
DEFAULT_MODEL = SHARED / "models" / "yunet_n_dynamic.onnx"


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def rel(path):
    """A path as the report shows it: relative to the repository root where it lies inside it."""
    p = Path(path).resolve()
    try:
        return str(p.relative_to(ROOT))
    except ValueError:
        return os.path.relpath(p, ROOT)


def setup_env():
    """Use the shared model when none is configured (the launcher would otherwise try to download one)."""
    if not os.environ.get("FACEBLUR_MODEL") and DEFAULT_MODEL.is_file():
        os.environ["FACEBLUR_MODEL"] = str(DEFAULT_MODEL)


def faceblur():
    """The faceblur launcher; FACEBLUR_BIN overrides it (e.g. a build of another branch)."""
    return os.environ.get("FACEBLUR_BIN", str(ROOT / "faceblur"))


def java_cp():
    t = ROOT / "target"
    return f"{t / 'classes'}:{t / 'test-classes'}:{t / 'lib'}/*"


def java(main_class, *args):
    return ["java", "-Xmx1g", "-XX:+UseSerialGC", "-cp", java_cp(), main_class, *map(str, args)]


def build():
    """Compiles main and test classes and packages the jar, tests skipped. BENCH_MVN_ARGS adds flags (e.g. -o)."""
    extra = os.environ.get("BENCH_MVN_ARGS", "").split()
    cmd = ["mvn", "-q", "-B", "-Dstyle.color=never", *extra, "-DskipTests", "package"]
    log("building: " + " ".join(cmd))
    t0 = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, check=True)
    return time.monotonic() - t0


def run(cmd, stdout=None, check=True, cwd=None):
    """Runs a command; returns wall seconds."""
    log("$ " + " ".join(map(str, cmd)))
    t0 = time.monotonic()
    r = subprocess.run(list(map(str, cmd)), stdout=stdout, cwd=cwd or ROOT)
    wall = time.monotonic() - t0
    if check and r.returncode != 0:
        raise SystemExit(f"command failed (exit {r.returncode}): {' '.join(map(str, cmd))}")
    return wall


TIME = "/usr/bin/time"


def run_measured(cmd, cwd=None):
    """Runs a command under /usr/bin/time -v; returns wall seconds and peak resident memory (MiB, or None)."""
    cmd = list(map(str, cmd))
    have_time = os.access(TIME, os.X_OK)
    full = [TIME, "-v", *cmd] if have_time else cmd
    log("$ " + " ".join(cmd))
    t0 = time.monotonic()
    r = subprocess.run(full, cwd=cwd or ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if r.returncode != 0:
        sys.stderr.write(r.stderr[-4000:])
        raise SystemExit(f"command failed (exit {r.returncode}): {' '.join(cmd)}")
    rss = None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    if m:
        rss = int(m.group(1)) / 1024
    return wall, rss


def probe(path):
    """Duration (s), frame count, width, height and frame rate of a video, from ffprobe."""
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_packets",
                          "-show_entries", "stream=width,height,r_frame_rate,nb_read_packets:format=duration",
                          "-of", "json", str(path)], check=True, capture_output=True, text=True).stdout
    j = json.loads(out)
    s = j["streams"][0]
    return {"duration": float(j["format"]["duration"]), "frames": int(s.get("nb_read_packets", 0)),
            "width": s["width"], "height": s["height"], "rate": s["r_frame_rate"]}


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:
        pass

    def first_line(cmd):
        try:
            r = subprocess.run(cmd, capture_output=True, text=True)
            return (r.stdout or r.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "unknown"

    return {"nproc": os.cpu_count() if not shutil.which("nproc") else int(first_line(["nproc"])),
            "cpu": cpu, "memory_gib": round(mem, 1) if mem else None,
            "load_average_at_start": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
            "java": first_line(["java", "-version"]), "ffmpeg": first_line(["ffmpeg", "-version"]),
            "kernel": first_line(["uname", "-sr"])}


def git_commit(where=ROOT):
    def git(*args):
        r = subprocess.run(["git", *args], cwd=where, capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None

    commit = git("rev-parse", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    return commit + (f" (branch {branch})" if branch and branch != "HEAD" else "") \
        + (" (with uncommitted changes)" if dirty else "")


def faceblur_under_test():
    """The launcher the tools run, and where it is another build, that build's commit."""
    if not os.environ.get("FACEBLUR_BIN"):
        return "./faceblur of this commit"
    where = Path(faceblur()).resolve().parent
    return f"{faceblur()} (FACEBLUR_BIN), commit {git_commit(where)}"


def default_videos(quick, seed=1):
    """Where bench/make-videos puts the clips of a seed, and where the other tools look for them by default."""
    return WORK / ("quick" if quick else "") / f"seed{seed}" / "videos"


VIDEO_SUFFIXES = (".mp4", ".mov", ".mkv", ".avi", ".webm")


def load_manifest(videos_dir):
    """A folder's clips: its manifest.json (bench/make-videos), else its NAME.mp4 + NAME.gt.csv pairs (people's
    own videos, MOT ground truth frame,id,x,y,w,h), described as the manifest would."""
    d = Path(videos_dir)
    m = d / "manifest.json"
    if m.is_file():
        return json.loads(m.read_text())
    if not d.is_dir():
        raise SystemExit(f"{rel(d)}: no such folder (run bench/make-videos, or name a folder of clips)")
    clips = [pair_clip(v, v.with_name(v.stem + ".gt.csv")) for v in sorted(d.iterdir())
             if v.suffix.lower() in VIDEO_SUFFIXES and v.with_name(v.stem + ".gt.csv").is_file()]
    if not clips:
        raise SystemExit(f"{rel(d)}: no manifest.json and no NAME.mp4 with NAME.gt.csv beside it")
    return {"seed": None, "clips": clips}


def load_clips(videos_dir):
    return load_manifest(videos_dir)["clips"]


def speed_clips(videos_dir):
    """bench/speed's clips: one per frame size, 30 fps preferred, the smallest and the largest size."""
    by_size = {}
    for c in sorted(load_clips(videos_dir), key=lambda c: (c["rate"] != "30", c["name"])):
        by_size.setdefault((c["width"], c["height"]), c)
    sizes = sorted(by_size)
    return [Path(videos_dir) / by_size[s]["video"] for s in dict.fromkeys([sizes[0], sizes[-1]])]


def read_gt(path):
    """The boxes of a MOT ground-truth file as (frame, id, x, y, w, h); a header line is skipped, as 'faceblur
    eval video' skips it, and so are further columns."""
    boxes = []
    for line in Path(path).read_text().splitlines():
        cols = line.split(",")
        try:
            boxes.append((int(float(cols[0])), int(float(cols[1])), *map(float, cols[2:6])))
        except (IndexError, ValueError):
            continue
    return boxes


def pair_clip(video, gt):
    """A clip entry for a video and its MOT ground truth, with the counts bench/make-videos writes."""
    info = probe(video)
    boxes = read_gt(gt)
    ids = {box[1] for box in boxes}
    face_frames = len(boxes)
    big = sum(1 for box in boxes if box[5] >= 24)
    return {"name": video.stem, "video": video.name, "gt": gt.name, "image": None, "width": info["width"],
            "height": info["height"], "rate": info["rate"], "frames": info["frames"],
            "durationSeconds": info["duration"], "faces": len(ids), "faceFrames": face_frames,
            "faceFramesAtLeast24px": big}


def pooled_leaks(clips, kind="atLeast24px"):
    """Leaked face-frames and face-frames summed over clips' eval tallies ({kind: {leaked, faceFrames}}), kind
    'atLeast24px' or 'overall': the rate of a set of clips, each face-frame weighing the same."""
    clips = list(clips)
    return sum(c[kind]["leaked"] for c in clips), sum(c[kind]["faceFrames"] for c in clips)


def write_json(path, data):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, indent=2) + "\n")


CROWD_SOURCE = SHARED / "media" / "real" / "one-by-one-person-detection.mp4"


def crowd_clip(height, seconds, out_dir):
    """The first seconds of a real crowd clip scaled to {height}p (H.264 crf 10, no sound), made once."""
    width = {720: 1280, 1080: 1920}.get(height, height * 16 // 9)
    out = Path(out_dir) / f"crowd-{height}p-{seconds}s.mp4"
    if not out.is_file():
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", CROWD_SOURCE, "-t", seconds, "-vf",
             f"scale={width}:{height}", "-c:v", "libx264", "-preset", "veryfast", "-crf", "10", "-an", out])
    return out
