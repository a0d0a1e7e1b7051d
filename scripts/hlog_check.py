#!/usr/bin/env python3
"""Reads an intervals.hlog with HdrHistogram's own Python package (hdrhistogram on PyPI) and prints
per-interval counts and the merged percentiles; with --expect-total N, fails unless the intervals
hold N values in all. Used by scripts/hlog-check.sh."""
import argparse
import sys

from hdrh.histogram import HdrHistogram
from hdrh.log import HistogramLogReader


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("hlog")
    parser.add_argument("--expect-total", type=int)
    parser.add_argument("--expect-intervals", type=int)
    args = parser.parse_args()

    reference = HdrHistogram(1, 3_600_000_000, 3)
    reader = HistogramLogReader(args.hlog, reference)
    merged = HdrHistogram(1, 3_600_000_000, 3)
    intervals = 0
    while True:
        histogram = reader.get_next_interval_histogram()
        if histogram is None:
            break
        intervals += 1
        merged.add(histogram)
        print(f"interval {intervals}: count {histogram.get_total_count()} max {histogram.get_max_value()} us")
    print(f"intervals {intervals}, total {merged.get_total_count()}, start {reader.get_start_time_sec()}")
    for p in (50, 90, 99, 99.9):
        print(f"p{p}: {merged.get_value_at_percentile(p) / 1000:.3f} ms")
    ok = True
    if args.expect_total is not None and merged.get_total_count() != args.expect_total:
        print(f"FAIL: expected {args.expect_total} values, read {merged.get_total_count()}", file=sys.stderr)
        ok = False
    if args.expect_intervals is not None and intervals != args.expect_intervals:
        print(f"FAIL: expected {args.expect_intervals} intervals, read {intervals}", file=sys.stderr)
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
