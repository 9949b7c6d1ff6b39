#ifndef COOP_CSQLITE_SHIM_H
#define COOP_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
