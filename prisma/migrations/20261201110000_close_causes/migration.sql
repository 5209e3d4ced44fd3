-- Issue 9: a closed incident's causes and money outcome, and its closing note.
ALTER TABLE "Incident" ADD COLUMN "causes" TEXT;
ALTER TABLE "Incident" ADD COLUMN "recoveredMinor" INTEGER;
ALTER TABLE "Incident" ADD COLUMN "lostMinor" INTEGER;
ALTER TABLE "Incident" ADD COLUMN "closeNote" TEXT;
