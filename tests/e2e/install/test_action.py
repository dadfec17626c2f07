"""The GitHub Action (action.yml) run as GitHub runs a composite action, on a
temporary repository with a base commit and a pull request's head commit:
each step's `env` with `${{ inputs.* }}` filled in from the inputs'
defaults, its `run` in bash, and the variables GitHub sets
(GITHUB_ACTION_PATH, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_BASE_REF,
GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP). The pull request makes the
legal review's lead 5 workdays, which leaves a task too late (P001): the
step fails with an annotation on that line, and the summary and the `diff`
output show the lead's change.

    ALMANAC_BIN=DIR python3 -m pytest tests/e2e/install/test_action.py

ALMANAC_BIN is a folder holding an installed `almanac` of this version
(the e2e suite's pipx install of the wheel), so the action's install step
finds it and does not build.
"""

import json
import os
import pathlib
import re
import shutil
import subprocess

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[3]


def git(repo: pathlib.Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="e2e",
        GIT_AUTHOR_EMAIL="e2e@example.org",
        GIT_COMMITTER_NAME="e2e",
        GIT_COMMITTER_EMAIL="e2e@example.org",
    )
    out = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert out.returncode == 0, f"git {args}: {out.stderr}"
    return out.stdout


def run_action(
    repo: pathlib.Path, tmp: pathlib.Path, given: dict | None = None
) -> subprocess.CompletedProcess:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    assert set(given or {}) <= set(inputs), given
    inputs.update(given or {})

    def fill(value: str) -> str:
        return re.sub(
            r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], str(value)
        )

    event = tmp / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"ref": "main"}}}))
    env = dict(
        os.environ,
        PATH=f"{os.environ['ALMANAC_BIN']}{os.pathsep}{os.environ['PATH']}",
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_EVENT_PATH=str(event),
        GITHUB_BASE_REF="main",
        GITHUB_STEP_SUMMARY=str(tmp / "summary.md"),
        GITHUB_OUTPUT=str(tmp / "output.txt"),
        RUNNER_TEMP=str(tmp),
        NO_COLOR="1",
    )
    results = []
    for step in action["runs"]["steps"]:
        step_env = dict(env, **{k: fill(v) for k, v in step.get("env", {}).items()})
        assert step["shell"] == "bash"
        results.append(
            subprocess.run(
                ["bash", "-e", "-c", fill(step["run"])],
                cwd=repo,
                env=step_env,
                capture_output=True,
                text=True,
            )
        )
    assert len(results) == 1
    return results[0]


def outputs(text: str) -> dict:
    """GITHUB_OUTPUT's `name=value` and `name<<DELIMITER` forms."""
    found, lines = {}, iter(text.splitlines())
    for line in lines:
        if "<<" in line:
            name, delimiter = line.split("<<", 1)
            body = []
            for more in lines:
                if more == delimiter:
                    break
                body.append(more)
            found[name] = "\n".join(body) + "\n"
        elif "=" in line:
            name, value = line.split("=", 1)
            found[name] = value
    return found


def test_the_action_checks_and_diffs_a_pull_request(tmp_path: pathlib.Path):
    repo = tmp_path / "plans-repo"
    shutil.copytree(ROOT / "plans", repo / "plans")
    git(repo, "init", "-q", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    # What actions/checkout leaves for a pull request: the base branch as
    # `origin/main`, the head checked out.
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-q", "-b", "pr")
    plan = repo / "plans" / "new-media-2026.toml"
    text = plan.read_text(encoding="utf-8")
    assert '\nlead = "3d"' in text
    plan.write_text(text.replace('\nlead = "3d"', '\nlead = "5wd"', 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "legal needs a week")

    r = run_action(repo, tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "almanac: using almanac " in r.stdout, r.stdout
    # The annotation, on the line of the task that is now too late.
    line = next(
        i + 1 for i, l in enumerate(plan.read_text(encoding="utf-8").splitlines())
        if l == 'due = "start - 3wd"'
    )
    assert re.search(
        rf"^::error file=plans/new-media-2026\.toml,line={line},.*P001", r.stdout, re.M
    ), r.stdout
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "P001" in summary, summary
    assert "# 计划变更" in summary and "| `final` 终审 | 提前量 | 3d | 5wd |" in summary, summary
    out = outputs((tmp_path / "output.txt").read_text(encoding="utf-8"))
    assert "| `final` 终审 | 提前量 | 3d | 5wd |" in out["diff"], out
    assert pathlib.Path(out["diff-file"]).read_text(encoding="utf-8") == out["diff"]
    assert "`HEAD" not in out["diff"] and "`origin/main:plans/new-media-2026.toml`" in out["diff"]


def pull_request_moving_a_campaign(tmp_path: pathlib.Path) -> pathlib.Path:
    """A repository whose pull request moves the summer campaign two weeks."""
    repo = tmp_path / "plans-repo"
    shutil.copytree(ROOT / "plans", repo / "plans")
    git(repo, "init", "-q", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-q", "-b", "pr")
    plan = repo / "plans" / "new-media-2026.toml"
    text = plan.read_text(encoding="utf-8")
    assert '\nwindow = "jul..aug"\n' in text
    plan.write_text(
        text.replace('\nwindow = "jul..aug"\n', '\nwindow = "07-15..09-10"\n', 1),
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "summer starts later")
    return repo


def test_the_diff_of_a_pull_request_draws_the_moved_campaign(tmp_path: pathlib.Path):
    repo = pull_request_moving_a_campaign(tmp_path)
    r = run_action(repo, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    out = outputs((tmp_path / "output.txt").read_text(encoding="utf-8"))
    diff = out["diff"]
    # The table, then the chart: the old bar done, the new one active.
    assert "| `city_guide` 城市探索指南 |" in diff, diff
    block = diff[diff.index("```mermaid\n"):]
    assert block.startswith("```mermaid\ngantt\n") and block.endswith("\n```\n"), block
    assert ":done, old1, 2026-07-01, 2026-08-31\n" in block, block
    assert ":active, new1, 2026-07-15, 2026-09-10\n" in block, block
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert block in summary, summary


def test_the_chart_can_be_left_out(tmp_path: pathlib.Path):
    repo = pull_request_moving_a_campaign(tmp_path)
    r = run_action(repo, tmp_path, {"mermaid": "false"})
    assert r.returncode == 0, r.stdout + r.stderr
    out = outputs((tmp_path / "output.txt").read_text(encoding="utf-8"))
    assert "| `city_guide` 城市探索指南 |" in out["diff"], out
    assert "```mermaid" not in out["diff"], out
