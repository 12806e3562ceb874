"""What a person or clinician reads: the summary record, triage, the Progress view, headlines."""
