package routes.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The programs under bench/ are single-file sources run with {@code java File.java}, which no build
 * compiles: each must still compile against the hub's classes and libraries, or a bench stops
 * working unseen until someone needs its figure.
 */
class BenchProgramsTest {

    static Stream<Path> benchPrograms() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("bench"))) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("benchPrograms")
    void compilesAgainstTheHub(Path program, @TempDir Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();

        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("-proc:none", "-d", classes.toString(), "-cp", System.getProperty("java.class.path")), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(program)).call();

        assertThat(compiled).as("%s:%n%s", program, diagnostics).isTrue();
    }
}
