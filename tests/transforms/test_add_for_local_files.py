import gzip
import io
import tarfile

import pytest

from tests.helpers import apply

HEAD = "FROM python:3.12-slim\n"


@pytest.fixture
def context(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "req.txt").write_text("flask\n")
    (tmp_path / "settings.zip").write_bytes(b"PK\x03\x04rest")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        archive.addfile(tarfile.TarInfo("x"), io.BytesIO(b""))
    (tmp_path / "bundle.bin").write_bytes(gzip.compress(buffer.getvalue()))
    (tmp_path / "plain.tar").write_bytes(buffer.getvalue())
    return tmp_path


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("ADD wheels.tar.gz /opt/", id="tar suffix"),
        pytest.param("ADD bundle.bin /opt/", id="gzip tar content"),
        pytest.param("ADD https://example.com/x.tar.gz /opt/", id="url"),
        pytest.param("ADD git@github.com:org/repo.git /src", id="git ssh"),
        pytest.param("ADD https://github.com/org/repo.git#v1 /src", id="git ref"),
        pytest.param("ADD --checksum=sha256:abc req.txt /app/", id="checksum"),
        pytest.param("ADD --keep-git-dir=true req.txt /app/", id="keep git dir"),
        pytest.param("ADD --unpack=false req.txt /app/", id="unpack flag"),
        pytest.param("ADD *.txt /app/", id="wildcard"),
        pytest.param("ADD missing.txt /app/", id="missing source"),
        pytest.param("ADD ../outside.txt /app/", id="outside context"),
        pytest.param("ADD $SRC /app/", id="variable"),
        pytest.param("ADD req.txt plain.tar /app/", id="one tar among sources"),
        pytest.param("ONBUILD ADD req.txt /app/", id="onbuild"),
        pytest.param("ADD <<EOF /app/x\nhello\nEOF", id="heredoc"),
        pytest.param("COPY req.txt /app/", id="already copy"),
    ],
)
def test_no_change(context, line):
    text = HEAD + line + "\n"
    assert apply(text, "DF301", context)[0] == text


@pytest.mark.parametrize(
    "line, expected",
    [
        pytest.param("ADD req.txt /app/", "COPY req.txt /app/", id="file"),
        pytest.param("ADD src/ /app/", "COPY src/ /app/", id="directory"),
        pytest.param("ADD . /app", "COPY . /app", id="whole context"),
        pytest.param("ADD settings.zip /etc/", "COPY settings.zip /etc/", id="zip is not unpacked"),
        pytest.param("ADD --chown=10001:10001 --chmod=644 --link req.txt /app/",
                     "COPY --chown=10001:10001 --chmod=644 --link req.txt /app/", id="flags kept"),
        pytest.param("add req.txt /app/", "copy req.txt /app/", id="lowercase keyword"),
        pytest.param('ADD ["req.txt", "/app/"]', 'COPY ["req.txt", "/app/"]', id="json form"),
        pytest.param("ADD req.txt \\\n  /app/", "COPY req.txt \\\n  /app/", id="continued"),
    ],
)
def test_fix(context, line, expected):
    fixed, report = apply(HEAD + line + "\n", "DF301", context)
    assert fixed == HEAD + expected + "\n"
    assert report == ["DF301 ADD -> COPY (local sources only)"]


def test_missing_source_gets_note(context):
    _, report = apply(HEAD + "ADD missing.txt /app/\n", "DF301", context)
    assert len(report) == 1
    assert report[0].startswith("DF301 note: kept ADD: missing.txt is not in the build context")
