/*
 * The benchmark's floor: read each file and run libyaml's event parser over
 * it, keeping nothing. Whatever `report` costs beyond this is ours.
 *   parse_floor FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	unsigned long events = 0;
	int bad = 0;
	static unsigned char buf[8 << 20];
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		size_t len = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		yaml_parser_t p;
		if (!yaml_parser_initialize(&p))
			return 1;
		yaml_parser_set_input_string(&p, buf, len);
		for (;;) {
			yaml_event_t ev;
			if (!yaml_parser_parse(&p, &ev)) {
				bad++;
				break;
			}
			int end = ev.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&ev);
			events++;
			if (end)
				break;
		}
		yaml_parser_delete(&p);
	}
	printf("%lu events, %d unparsable\n", events, bad);
	return bad != 0;
}
