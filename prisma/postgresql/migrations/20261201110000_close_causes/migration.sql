-- Issue 9: a closed incident's causes and money outcome, and its closing note.
ALTER TABLE "Incident" ADD COLUMN "causes" TEXT,
ADD COLUMN "recoveredMinor" INTEGER,
ADD COLUMN "lostMinor" INTEGER,
ADD COLUMN "closeNote" TEXT;
