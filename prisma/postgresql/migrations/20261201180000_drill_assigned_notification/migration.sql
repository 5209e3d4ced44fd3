-- Issue 10 (drills): the cashier a drill is for is told with a notification of its own type.
-- (SQLite stores Prisma enums as text: no migration there.)
-- AlterEnum
ALTER TYPE "NotificationType" ADD VALUE 'DRILL_ASSIGNED';
