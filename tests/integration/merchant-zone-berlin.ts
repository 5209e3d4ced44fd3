// Imported first by a test file whose merchant is in Europe/Berlin: set before lib/env reads the
// environment (its module runs before any module that imports lib/).
process.env.MERCHANT_TIME_ZONE = "Europe/Berlin";
