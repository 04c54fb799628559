#!/usr/bin/env python3
"""Compares zlib levels on the page content streams of a PDF clerk wrote (run by hand):

    bench/zlib_levels.py outputs/CSSC-2011-01-draft-v1.pdf

Prints, per level, the compressed size of all pages' content streams and the best CPU time of
five runs. render compresses each page at render/deflater.h's kPageCompressionLevel; this is how that
level was chosen. Needs qpdf (to uncompress the streams).
"""
import re
import subprocess
import sys
import tempfile
import time
import zlib


def page_streams(pdf_path):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as qdf:
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf_path, qdf.name],
                       check=True)
        data = open(qdf.name, "rb").read()
    pattern = re.compile(rb"%% Contents for page \d+\n%% Original object ID: \d+ 0\n"
                         rb"\d+ 0 obj\n<<\n  /Length \d+ 0 R\n>>\nstream\n")
    streams = []
    for match in pattern.finditer(data):
        end = data.index(b"\nendstream", match.end())
        streams.append(data[match.end():end])
    return streams


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bench/zlib_levels.py FILE.pdf")
    streams = page_streams(sys.argv[1])
    plain = sum(len(s) for s in streams)
    print(f"{len(streams)} pages, {plain} bytes of content uncompressed")
    for level in (1, 2, 3, 6, 9):
        best = float("inf")
        for _ in range(5):
            start = time.process_time()
            size = sum(len(zlib.compress(s, level)) for s in streams)
            best = min(best, time.process_time() - start)
        print(f"level {level}: {size:>10} bytes {best * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
