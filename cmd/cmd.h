/* The subcommands, one file each under cmd/, dispatched from main.c. */
#ifndef CZ_CMD_H
#define CZ_CMD_H

#include "cli.h"

typedef struct {
	const cz_cmd_spec *spec;
	int (*run)(int argc, char **argv);
} cz_command;

extern const cz_cmd_spec cz_spec_init, cz_spec_validate, cz_spec_referentiel;

int cmd_init(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_referentiel(int argc, char **argv);

extern const cz_cmd_spec cz_spec_bmc;
int cmd_bmc(int argc, char **argv);

extern const cz_cmd_spec cz_spec_skills;
int cmd_skills(int argc, char **argv);

extern const cz_cmd_spec cz_spec_diag;
int cmd_diag(int argc, char **argv);

extern const cz_cmd_spec cz_spec_indicators, cz_spec_test_phase;
int cmd_indicators(int argc, char **argv);
int cmd_test_phase(int argc, char **argv);

extern const cz_cmd_spec cz_spec_fiche, cz_spec_import;
int cmd_fiche(int argc, char **argv);
int cmd_import(int argc, char **argv);

extern const cz_cmd_spec cz_spec_diff, cz_spec_evolution;
int cmd_diff(int argc, char **argv);
int cmd_evolution(int argc, char **argv);

extern const cz_cmd_spec cz_spec_report;
int cmd_report(int argc, char **argv);

#endif
