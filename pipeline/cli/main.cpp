#include "cli/command.h"

int main(int argc, char** argv) { return clerk::cli::RunClerk(argc, argv); }
