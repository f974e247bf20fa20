import re
from pathlib import Path

from transforms import TRANSFORMS

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def test_codes_unique_and_well_formed():
    codes = [t.code for t in TRANSFORMS]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"DF[1-4]\d\d", code) for code in codes)


def test_slugs_kebab_case_without_fix_verbs():
    for transform in TRANSFORMS:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", transform.slug)
        assert not transform.slug.startswith(("no-", "fix-", "use-", "missing-"))


def test_golden_folder_per_code():
    for transform in TRANSFORMS:
        folder = GOLDEN / f"{transform.code}-{transform.slug}"
        assert folder.is_dir(), folder
        assert list(folder.glob("*.Dockerfile"))


def test_docstring_is_the_rule_doc():
    for transform in TRANSFORMS:
        assert transform.doc.startswith(f"{transform.code} {transform.slug}:")
        for section in ("Why:", "Fix safety:", "Skips"):
            assert section in transform.doc, (transform.code, section)
