// Catch2 v2 (Debian 12) has no Catch2WithMain target: this file supplies main().
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
