"""Runs one command and measures the whole process tree, for bench/run-bench.ts.

    python3 measure-process.py SPEC_JSON

SPEC_JSON: {"argv": [...], "cwd": "...", "stdout": "file", "stderr": "file", "interval": 0.1}

Prints one JSON object on stdout:
  exitCode      the command's exit status (negative: killed by that signal)
  wall          seconds from start to exit (monotonic clock)
  user, sys     CPU seconds of the command and every descendant it waited for (wait4 rusage)
  maxrssSingle  bytes: the largest peak RSS of any one process of the tree (wait4 rusage)
  treePeak      bytes: the largest sum of the RSS of every live process of the tree, sampled every
                `interval` seconds from /proc (processes found by parent id)
  peak          max(treePeak, maxrssSingle): the figure to report
  byName        per executable name ({"node": …, "pagefind": …}): peak RSS of one process of that
                name (VmHWM, the kernel's own high-water mark, so exact up to the last sample),
                CPU seconds at the last sample, seconds between first and last sample, count
  samples       how many samples were taken

Only the Python standard library and Linux /proc; no /usr/bin/time. On a system without /proc
the tree figures are 0 and `peak` falls back to the rusage figure.
"""
import json
import os
import signal
import subprocess
import sys
import threading
import time

PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return None


def parents():
    """pid -> parent pid of every process, from /proc/<pid>/stat."""
    out = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return out
    for entry in entries:
        if not entry.isdigit():
            continue
        stat = read(f"/proc/{entry}/stat")
        if not stat:
            continue
        # The command name is in parentheses and may hold spaces or parentheses.
        rest = stat[stat.rfind(")") + 2 :].split()
        out[int(entry)] = int(rest[1])
    return out


def tree(root):
    children = {}
    for pid, ppid in parents().items():
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def group(name):
    """Executable names grouped: pagefind_extended (comm is cut to 15 characters) is "pagefind"."""
    return "pagefind" if name.startswith("pagefind") else name


def sample(pid):
    """(name, rss bytes, hwm bytes, cpu seconds) of a live process, or None."""
    status = read(f"/proc/{pid}/status")
    stat = read(f"/proc/{pid}/stat")
    if not status or not stat:
        return None
    fields = {}
    for line in status.splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    rss = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    hwm = int(fields.get("VmHWM", "0 kB").split()[0]) * 1024
    rest = stat[stat.rfind(")") + 2 :].split()
    cpu = (int(rest[11]) + int(rest[12])) / TICKS
    return fields.get("Name", "?"), rss, hwm, cpu


def main():
    spec = json.loads(sys.argv[1])
    interval = float(spec.get("interval", 0.1))
    with open(spec["stdout"], "wb") as out, open(spec["stderr"], "wb") as err:
        start = time.monotonic()
        # Its own session, so run-bench can end the whole tree (and only it) if interrupted.
        child = subprocess.Popen(spec["argv"], cwd=spec.get("cwd"), stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)

        def stop(signum, frame):
            # Interrupted: end the command's whole session (its process group), then ourselves.
            # Further signals are ignored (a second one must not re-enter this handler), and the
            # child is reaped with waitpid, not Popen.wait, whose lock the main loop may hold.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            try:
                os.killpg(child.pid, signal.SIGTERM)
                os.waitpid(child.pid, 0)
            except OSError:
                pass
            os._exit(128 + signum)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        tree_peak = 0
        samples = 0
        names = {}
        # Per process: (group, hwm, cpu), so CPU is summed over processes, not samples.
        seen = {}
        first_seen, last_seen = {}, {}
        # The child is waited for on a thread of its own, so its end is known at once: sampling
        # every `interval` seconds and checking between samples made a 0.1 s command take 0.2 s.
        ended = {}
        finished = threading.Event()

        def reap():
            _, status, rusage = os.wait4(child.pid, 0)
            ended.update(status=status, rusage=rusage, at=time.monotonic())
            finished.set()

        threading.Thread(target=reap, daemon=True).start()
        while not finished.is_set():
            now = time.monotonic()
            total = 0
            for pid in tree(child.pid):
                s = sample(pid)
                if not s:
                    continue
                name, rss, hwm, cpu = s
                total += rss
                key = group(name)
                previous = seen.get(pid)
                seen[pid] = (key, max(hwm, previous[1] if previous else 0), cpu)
                first_seen.setdefault(key, now)
                last_seen[key] = now
            tree_peak = max(tree_peak, total)
            samples += 1
            finished.wait(interval)
        wall = ended["at"] - start
        status, rusage = ended["status"], ended["rusage"]
    for key, hwm, cpu in seen.values():
        entry = names.setdefault(key, {"peak": 0, "cpu": 0.0, "processes": 0})
        entry["peak"] = max(entry["peak"], hwm)
        entry["cpu"] += cpu
        entry["processes"] += 1
    for key, entry in names.items():
        entry["seconds"] = round(last_seen[key] - first_seen[key], 3)
        entry["cpu"] = round(entry["cpu"], 3)
    code = os.waitstatus_to_exitcode(status)
    single = rusage.ru_maxrss * 1024  # KiB on Linux
    print(
        json.dumps(
            {
                "exitCode": code,
                "wall": round(wall, 3),
                "user": round(rusage.ru_utime, 3),
                "sys": round(rusage.ru_stime, 3),
                "maxrssSingle": single,
                "treePeak": tree_peak,
                "peak": max(tree_peak, single),
                "byName": names,
                "samples": samples,
            }
        )
    )


if __name__ == "__main__":
    main()
