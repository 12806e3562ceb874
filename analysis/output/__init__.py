"""Files that leave the app: CSV, FHIR, charts and the PDF report."""
