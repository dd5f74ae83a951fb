/* A bare libxml2 SAX2 push parse of a file (the same parser and chunk size Diming uses), counting
 * elements: the floor for the import's speed in Scripts/bench-roads.sh. */
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <stdio.h>
#include <string.h>

static long elements = 0;

static void start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                  const xmlChar **ns, int nattr, int ndef, const xmlChar **attrs) {
    (void)ctx; (void)name; (void)prefix; (void)uri; (void)nns; (void)ns; (void)nattr; (void)ndef; (void)attrs;
    elements++;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: sax_parse FILE\n"); return 2; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start;
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, argv[1]);
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
    static char buffer[1 << 20];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) {
        if (xmlParseChunk(ctxt, buffer, (int)n, 0) != 0) { fprintf(stderr, "parse error\n"); return 1; }
    }
    xmlParseChunk(ctxt, NULL, 0, 1);
    xmlFreeParserCtxt(ctxt);
    fclose(file);
    printf("%ld elements\n", elements);
    return 0;
}
