"""Attachments: files added to a record (an inspection now, the phases' records later).

A file is accepted by what it contains, not by its name; it is stored under a name the server
makes up, outside the static files; and it is read back only through a view that asks the access
policy about the record it belongs to. Confidential material carries the reader's name and the
time as a watermark. The upload, the refusal and every download are written to the audit log.
"""
