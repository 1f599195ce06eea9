package routes.template;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Logic-less Mustache, confined: a template reads the params it is given (maps, lists, strings,
 * numbers) and nothing else. No partials or inheritance (they would read other templates from
 * disk), no method or field of any object (reflection would reach past the params), and no
 * lambdas (params come from JSON, which has none). HTML escaping only for HTML.
 */
final class Mustaches {

    /** A template that does not compile: the problem and where, 1-based. */
    static final class SyntaxError extends RuntimeException {
        final int line;
        final int column;

        SyntaxError(String problem, int line, int column) {
            super(problem);
            this.line = line;
            this.column = column;
        }
    }

    private Mustaches() {}

    static Mustache compile(String source, boolean html) {
        Tracking reader = new Tracking(source);
        try {
            return new Factory(html).compile(reader, "template");
        } catch (MustacheException e) {
            int[] at = reader.position();
            // where the parser stopped says more than the template name and line mustache.java adds
            String problem = e.getMessage().replaceFirst("( in template:\\d+)?( @\\[.*\\])?$", "");
            throw new SyntaxError(problem, at[0], at[1]);
        }
    }

    static String render(Mustache template, Map<String, Object> params) {
        return template.execute(new StringWriter(), params).toString();
    }

    /**
     * The params a template reads: each value outside any section (which would leave a hole if
     * missing) and each outermost section (which may be left out: that is what a section is for).
     * Inside a section names resolve against the section's items first, so they are not required
     * of the params. Only a dotted name's first part is a param.
     */
    static Variables variables(Mustache template) {
        Set<String> values = new TreeSet<>();
        Set<String> sections = new TreeSet<>();
        for (Code code : template.getCodes()) {
            String name = code.getName() == null ? null : code.getName().split("\\.", 2)[0];
            if (name == null || name.isEmpty()) {
                continue;
            }
            if (code instanceof IterableCode) {
                sections.add(name);
            } else if (code instanceof ValueCode) {
                values.add(name);
            }
        }
        return new Variables(values, sections);
    }

    private static final class Factory extends DefaultMustacheFactory {
        private final boolean html;

        Factory(boolean html) {
            this.html = html;
            setObjectHandler(new ParamsOnly());
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new DefaultMustacheVisitor(this) {
                @Override
                public void partial(TemplateContext tc, String variable, String indent) {
                    throw new MustacheException("partials ({{> " + variable + "}}) are not allowed", tc);
                }

                @Override
                public void dynamicPartial(TemplateContext tc, String variable, String indent) {
                    throw new MustacheException("partials ({{>* " + variable + "}}) are not allowed", tc);
                }

                @Override
                public void extend(TemplateContext tc, String variable, Mustache mustache) {
                    throw new MustacheException("template inheritance ({{< " + variable + "}}) is not allowed", tc);
                }
            };
        }

        @Override
        public void encode(String value, Writer writer) {
            if (html) {
                super.encode(value, writer);
                return;
            }
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("could not write " + value, e);
            }
        }
    }

    /** Finds names as keys of maps only: no object's methods or fields. */
    private static final class ParamsOnly extends ReflectionObjectHandler {
        @Override
        protected Wrapper findWrapper(int scopeIndex, Wrapper[] wrappers, List<com.github.mustachejava.reflect.Guard> guards,
                Object scope, String name) {
            return scope instanceof Map ? super.findWrapper(scopeIndex, wrappers, guards, scope, name) : null;
        }
    }

    /**
     * The template's text, read one character at a time (it supports mark, so the parser reads it
     * directly) while keeping where the parser is: a syntax error is where it stopped reading.
     */
    private static final class Tracking extends Reader {
        private final String text;
        private int at;
        private int mark;

        Tracking(String text) {
            this.text = text;
        }

        @Override
        public int read() {
            return at < text.length() ? text.charAt(at++) : -1;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (at >= text.length()) {
                return -1;
            }
            int n = Math.min(length, text.length() - at);
            text.getChars(at, at + n, buffer, offset);
            at += n;
            return n;
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public void mark(int limit) {
            mark = at;
        }

        @Override
        public void reset() {
            at = mark;
        }

        @Override
        public void close() {}

        /** Line and column (1-based) of the last character read. */
        int[] position() {
            int end = Math.max(0, Math.min(at, text.length()) - 1);
            int line = 1;
            int column = 1;
            for (int i = 0; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new int[] {line, column};
        }
    }
}
