"""Reading files into diary frames: readers, app formats, medicine and symptom text, the importer."""
