"""Word reports (python-docx) and passage tables (CSV, XLSX), written from plain data the services assemble."""
