"""The vocabulary of the data: columns, value ranges, codes, errors and dates. Imports nothing else from analysis."""
