"""Uploaded files: streamed in chunks into private storage under the data dir, recorded as
an `Upload` (who, which project, what kind, digest, detected type, expiry), and referred to
by id between an import page's preview and its confirm. `pages` holds the import pages'
shared mechanics (preview by rollback). This app sits just above programmes (it records
the project and checks the actor's project) and below the apps that import files.
"""
