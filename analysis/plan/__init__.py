"""The daily recovery plan (issue 13): walking build-up, gentle exercises, heat or ice, return to work
and the weekly function check-in. Pure rules: no clock, no SQL, no streamlit."""
