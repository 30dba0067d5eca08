/*
 * Build-time tool: turn a data file into a C array so templates are compiled
 * into the binary (no file is looked up at run time).
 *   embed SYMBOL INPUT OUTPUT.c
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: embed SYMBOL INPUT OUTPUT.c\n");
		return 2;
	}
	FILE *in = fopen(argv[2], "rb");
	if (!in) {
		perror(argv[2]);
		return 1;
	}
	FILE *out = fopen(argv[3], "w");
	if (!out) {
		perror(argv[3]);
		fclose(in);
		return 1;
	}
	fprintf(out, "/* Generated from %s by tools/embed.c. Do not edit. */\n", argv[2]);
	fprintf(out, "#include <stddef.h>\nconst char %s[] = {", argv[1]);
	size_t n = 0;
	int c;
	while ((c = fgetc(in)) != EOF) {
		fprintf(out, "%s0x%02x,", n % 16 ? "" : "\n", (unsigned)c);
		n++;
	}
	fprintf(out, "\n0x00 };\nconst size_t %s_len = %zu;\n", argv[1], n);
	int bad = ferror(in) || ferror(out);
	fclose(in);
	if (fclose(out) != 0 || bad) {
		fprintf(stderr, "embed: write error\n");
		remove(argv[3]);
		return 1;
	}
	return 0;
}
