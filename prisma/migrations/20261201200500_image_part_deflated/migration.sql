-- Image part entries are stored deflated from now on (SnapshotImagePart.entries, issue 14). Rows written
-- before keep their JSON text in entriesJson and read as before; ADD COLUMN migrates in place.
ALTER TABLE "SnapshotImagePart" ADD COLUMN "entries" BLOB;
