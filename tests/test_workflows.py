"""The publishing workflow and the pre-commit hooks agree with the Makefile and the pins."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.M))


def test_pages_workflow_is_valid_and_runs_the_makefile():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    # YAML reads the key "on" as True.
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    commands = [step["run"] for step in build["steps"] if "run" in step]
    targets = [word for command in commands for word in re.findall(r"\bmake ([a-z-]+)", command)]
    assert targets and set(targets) <= make_targets(), f"workflow runs unknown make targets: {set(targets) - make_targets()}"
    assert "test" in targets, "publish only a book that passes every check"
    python = re.match(r"python:(\d+\.\d+)-", build["container"]).group(1)
    assert (ROOT / "runtime.txt").read_text().strip() == f"python-{python}", "the workflow's Python is runtime.txt's"
    upload = next(step for step in build["steps"] if "upload-pages-artifact" in step.get("uses", ""))
    built = subprocess.run(["make", "-n", "book"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert upload["with"]["path"] == "_build/html" and "--builder html" in built and "rm -rf _build" in built
    assert any("deploy-pages" in step.get("uses", "") for step in deploy["steps"])


def test_pre_commit_runs_ruff_at_the_pinned_version_and_strips_outputs():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: repo for repo in config["repos"] for hook in repo["hooks"]}
    pinned = re.search(r"^ruff==(\S+)$", (ROOT / "requirements-test.txt").read_text(), re.M).group(1)
    assert hooks["ruff"]["rev"] == f"v{pinned}"
    assert "nbstripout" in hooks


def test_make_help_lists_every_target_from_the_makefile_comments():
    listed = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    documented = {line.split()[0] for line in listed.splitlines() if line.strip()}
    phony = set(re.search(r"^\.PHONY: (.*)$", (ROOT / "Makefile").read_text(), re.M).group(1).split())
    assert phony <= documented, f"targets without a '## target: ...' comment: {phony - documented}"
