"""The daily recovery plan (issue 13): walking build-up, gentle exercises, heat or ice, return to work,
the weekly function check-in and adherence. The rules are pure (frames in, values out, no clock, no
SQL, no streamlit); only assemble.py reads the diary, through analysis.storage."""
