#!/usr/bin/env python3
"""Writes a council folder for bench/run-due: N copies of the example review under inputs/ and a
schedule.yaml with one monthly job per review that builds both of its reports, so that one run
builds 2 x N reports.

    bench/generate_schedule.py 100 /tmp/council    # 200 reports
"""
import shutil
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "inputs" / "ks2-maths-scrutiny"


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: generate_schedule.py <reviews> <folder>")
    count, folder = int(sys.argv[1]), Path(sys.argv[2])
    inputs = folder / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    jobs = []
    for n in range(1, count + 1):
        name = f"review-{n:03d}"
        shutil.copytree(EXAMPLE, inputs / name, dirs_exist_ok=True)
        # Each review its own title, so that no two are the same paper.
        review = inputs / name / "review.yaml"
        text = review.read_text().replace(
            "title: Scrutiny Review of Attainment in Mathematics at Key Stage 2",
            f"title: Scrutiny Review of Attainment in Mathematics at Key Stage 2 ({n})")
        review.write_text(text)
        jobs.append(f"  - name: {name}\n"
                    f"    review: inputs/{name}\n"
                    f"    reports: [cabinet-2010-12, cssc-2011-06]\n"
                    f"    when: monthly on day 1 at 06:00\n")
    (folder / "schedule.yaml").write_text("jobs:\n" + "".join(jobs))
    print(f"{count} reviews, {2 * count} reports: {folder}")


if __name__ == "__main__":
    main()
