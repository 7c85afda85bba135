"""Prose with very long clauses (a text layer that lost its 、 and 。) is read in linear time.

The patterns that name a figure and find its as-of date read the end of the text before it;
they once tried every start position: this report took 152 s of CPU to parse (now 0.05). The
CLI's own per-file timeout here is far below that (a worker past it is stopped and the file
is a ``timeout`` error), and the figures read are checked as well.
"""

import csv
import io
import subprocess
import sys

from conftest import ROOT

RUN = 20 * "開示等請求" * 400  # 40,000 characters without a comma or full stop


def test_a_report_with_40000_character_clauses_parses_quickly(tmp_path):
    report = tmp_path / "long_clauses.txt"
    report.write_text(
        "架空市 令和4年度 個人情報保護制度の運用状況\n\n"
        "1 開示請求\n"
        f"{RUN}は12件、{RUN}が3件であり、令和5年3月末現在{RUN}は498件である。\n"
        "請求件数は5件である。\n",
        encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "reportparse", "parse", str(report), "-o", str(tmp_path / "out"), "-q",
         "--timeout", "20"],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    metrics = list(csv.DictReader(io.StringIO(
        (tmp_path / "out" / "metrics.csv").read_text(encoding="utf-8-sig"))))
    assert [(m["metric"], m["value"], m["unit"]) for m in metrics] == [("請求件数", "5", "件")]
    checks = list(csv.DictReader(io.StringIO(
        (tmp_path / "out" / "checks.csv").read_text(encoding="utf-8-sig"))))
    unnamed = [c["actual"] for c in checks if c["check"] == "metric_named"]
    assert unnamed == ["12件", "3件", "498件"]  # names too long to be names: flagged, not dropped


def test_long_runs_of_letters_before_a_done_topic_and_thousands_of_bracketed_pairs(tmp_path):
    report = tmp_path / "long_pairs.txt"
    pairs = " ".join(f"[開示]{i}" for i in range(5000))
    report.write_text(
        "架空市 令和4年度 個人情報保護制度の運用状況\n\n"
        f"{RUN}が全部開示されたのは、{RUN}の7件である。\n"
        f"運用状況は次の通りです。 ●表1 {pairs}\n",
        encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "reportparse", "parse", str(report), "-o", str(tmp_path / "out"), "-q",
         "--timeout", "20"],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    metrics = list(csv.DictReader(io.StringIO(
        (tmp_path / "out" / "metrics.csv").read_text(encoding="utf-8-sig"))))
    assert metrics[0]["metric"] == "全部開示" and metrics[0]["value"] == "7"
    assert len([m for m in metrics if m["section_title"] == "表1"]) == 5000
