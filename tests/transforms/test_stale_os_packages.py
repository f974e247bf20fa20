import pytest

from tests.helpers import apply

DEBIAN_LAYER = (
    "RUN apt-get update \\\n"
    " && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \\\n"
    " && rm -rf /var/lib/apt/lists/*\n"
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y\n", id="apt-get upgrade"),
        pytest.param("FROM python:3.12-slim\nRUN apt update && apt full-upgrade -y\n", id="apt full-upgrade"),
        pytest.param("FROM python:3.12-alpine\nRUN apk upgrade\n", id="apk upgrade"),
        pytest.param("FROM fedora:40\nRUN dnf -y update\n", id="dnf update"),
        pytest.param("FROM python:3.12-slim AS base\nRUN apt-get -y upgrade\nFROM base\n", id="ancestor upgrades"),
        pytest.param("FROM scratch\nCOPY app /app\n", id="scratch"),
        pytest.param("FROM gcr.io/distroless/python3-debian12\n", id="distroless"),
        pytest.param("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n", id="windows"),
        pytest.param("FROM $BASE\n", id="unresolved"),
        pytest.param("FROM mycompany/base:1\nRUN make\n", id="unknown os"),
        pytest.param("FROM python:3.12-slim\nRUN <<EOF\napt-get update\napt-get -y upgrade\nEOF\n", id="heredoc upgrade"),
    ],
)
def test_no_change(text):
    assert apply(text, "DF201")[0] == text


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("FROM python:3.12-slim\nCMD x\n", "FROM python:3.12-slim\n" + DEBIAN_LAYER + "CMD x\n", id="debian"),
        pytest.param("from python:3.12-alpine\n", "from python:3.12-alpine\nRUN apk upgrade --no-cache\n", id="alpine lowercase"),
        pytest.param("FROM python:3.12-alpine\nRUN apk add --update --no-cache libpq\n",
                     "FROM python:3.12-alpine\nRUN apk upgrade --no-cache\nRUN apk add --update --no-cache libpq\n", id="apk add update is no upgrade"),
        pytest.param("FROM python:3.12-slim\nRUN apt-get install --only-upgrade openssl\n",
                     "FROM python:3.12-slim\n" + DEBIAN_LAYER + "RUN apt-get install --only-upgrade openssl\n", id="only-upgrade is no upgrade"),
        pytest.param("FROM registry.access.redhat.com/ubi9/ubi-minimal\n",
                     "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf -y upgrade && microdnf clean all\n", id="ubi minimal"),
        pytest.param("FROM centos:7\n", "FROM centos:7\nRUN yum -y upgrade && yum clean all\n", id="centos 7 yum"),
        pytest.param("FROM registry.access.redhat.com/ubi9/python-311\n",
                     "FROM registry.access.redhat.com/ubi9/python-311\nUSER 0\nRUN dnf -y upgrade && dnf clean all\nUSER 1001\n", id="non-root base"),
        pytest.param("FROM mycompany/base:1\nRUN apt-get install -y curl\n",
                     "FROM mycompany/base:1\n" + DEBIAN_LAYER + "RUN apt-get install -y curl\n", id="family from apt-get use"),
        pytest.param("FROM python:3.12-slim \\\n  AS base\nCMD x\n",
                     "FROM python:3.12-slim \\\n  AS base\n" + DEBIAN_LAYER + "CMD x\n", id="continued from"),
    ],
)
def test_fix(text, expected):
    assert apply(text, "DF201")[0] == expected


def test_only_stages_feeding_the_target():
    text = "FROM python:3.12 AS docs\nFROM python:3.12-alpine AS app\nCMD x\n"
    fixed, report = apply(text, "DF201")
    assert fixed == "FROM python:3.12 AS docs\nFROM python:3.12-alpine AS app\nRUN apk upgrade --no-cache\nCMD x\n"
    assert report == ["DF201 upgrade OS packages with apk"]


def test_copy_from_stage_feeds():
    text = "FROM python:3.12 AS build\nFROM python:3.12-alpine\nCOPY --from=build /w /w\n"
    fixed, _ = apply(text, "DF201")
    assert fixed.count("RUN ") == 2


def test_unresolved_note_names_the_arg():
    _, report = apply("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n", "DF201")
    assert report == ["DF201 note: cannot resolve FROM ${BASE_IMAGE}; no upgrade layer added. "
                      "Pass --build-arg BASE_IMAGE=..."]


def test_escape_directive_used_for_continuation():
    fixed, _ = apply("# escape=`\nFROM python:3.12-slim\n", "DF201")
    assert "RUN apt-get update `\n && DEBIAN_FRONTEND" in fixed


def test_archived_debian_release_gets_no_layer():
    text = "FROM python:3.6-slim-stretch\nCMD x\n"
    fixed, report = apply(text, "DF201")
    assert fixed == text
    assert report[0].startswith("DF201 note: Debian stretch is past its end of life")
