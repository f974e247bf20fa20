import pytest

from tests.helpers import apply


@pytest.mark.parametrize(
    "image",
    ["python:3.12-slim", "python:3.11-bookworm", "alpine:3.22", "ubuntu:24.04", "mycompany/base:1"],
)
def test_supported_gets_no_note(image):
    text = f"FROM {image}\n"
    assert apply(text, "DF202") == (text, [])


@pytest.mark.parametrize(
    "image, release",
    [
        pytest.param("python:3.8", "Python 3.8", id="python 3.8"),
        pytest.param("python:3.10-slim", "Python 3.10", id="python 3.10"),
        pytest.param("python:3.12-slim-buster", "Debian buster", id="buster"),
        pytest.param("debian:10", "Debian buster", id="debian 10"),
        pytest.param("alpine:3.18", "Alpine 3.18", id="alpine 3.18"),
        pytest.param("python:3.12-alpine3.19", "Alpine 3.19", id="python alpine 3.19"),
        pytest.param("ubuntu:20.04", "Ubuntu 20.04", id="ubuntu 20.04"),
    ],
)
def test_end_of_life_noted(image, release):
    text = f"FROM {image}\n"
    fixed, report = apply(text, "DF202")
    assert fixed == text
    assert len(report) == 1
    assert f"is {release} (end of life " in report[0]


def test_python_and_debian_both_named():
    _, report = apply("FROM python:3.6-slim-stretch\n", "DF202")
    assert report == ["DF202 warning: python:3.6-slim-stretch is Python 3.6 (end of life 2021-12-23) "
                      "and Debian stretch (end of life 2022-06-30), which no longer get security "
                      "fixes upstream; move to a supported release"]
