"""Analyses of one course of back pain: the daily grid, expected curve, recovery, activity, medicines."""
