package dev.daybook.terraform;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings a service binds, read from its sources (shared's and its own module's): every property of its
 * {@code @ConfigurationProperties} records, walked into nested records and map values ({@code whisper.<name>.model}
 * becomes {@code daybook.transcription.whisper.*.model}), and every {@code ${NAME...}} placeholder of its
 * application.yml. {@link #binds} answers whether an environment variable lands on one of them, by Spring Boot's
 * rule for environment variables: upper case, {@code _} for {@code .}, dashes dropped.
 *
 * <p>Why sources and not classes: the terraform module must not depend on the services (their runtime would
 * join cdktf's classpath, and every terraform test would wait for four services to build). The records are
 * plain enough to read with JavaParser; a property the scan cannot see makes the test fail, not pass.
 */
final class BoundSettings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)[:}]");

    private final Set<String> properties = new TreeSet<>();
    private final Set<String> placeholders = new TreeSet<>();

    private BoundSettings() {
    }

    static BoundSettings of(Path repo, String module) {
        BoundSettings s = new BoundSettings();
        Map<String, RecordDeclaration> records = new HashMap<>();
        List<RecordDeclaration> roots = new ArrayList<>();
        for (String m : List.of("shared", module)) {
            for (CompilationUnit unit : parse(repo.resolve(m).resolve("src/main/java"))) {
                for (RecordDeclaration r : unit.findAll(RecordDeclaration.class)) {
                    records.putIfAbsent(r.getNameAsString(), r);
                    if (r.getAnnotationByName("ConfigurationProperties").isPresent()) {
                        roots.add(r);
                    }
                }
            }
        }
        for (RecordDeclaration root : roots) {
            s.walk(prefixOf(root), root, records, 0);
        }
        Path yml = repo.resolve(module).resolve("src/main/resources/application.yml");
        try {
            Matcher m = PLACEHOLDER.matcher(Files.readString(yml));
            while (m.find()) {
                s.placeholders.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    /** Whether Spring Boot would bind the environment variable {@code env} to one of this service's settings. */
    boolean binds(String env) {
        if (placeholders.contains(env)) {
            return true;
        }
        return properties.stream().anyMatch(p -> envPattern(p).matcher(env).matches());
    }

    Set<String> properties() {
        return properties;
    }

    /** {@code daybook.transcription.whisper.*.use-gpu} as {@code DAYBOOK_TRANSCRIPTION_WHISPER_[A-Z0-9]+_USEGPU}. */
    static Pattern envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        for (String segment : property.split("\\.")) {
            if (!regex.isEmpty()) {
                regex.append('_');
            }
            regex.append(segment.equals("*") ? "[A-Z0-9]+"
                    : Pattern.quote(segment.replace("-", "").toUpperCase(Locale.ROOT)));
        }
        return Pattern.compile(regex.toString());
    }

    private void walk(String prefix, RecordDeclaration record, Map<String, RecordDeclaration> records, int depth) {
        if (depth > 5) {
            throw new IllegalStateException("records nest too deep under " + prefix);
        }
        for (Parameter component : record.getParameters()) {
            String name = prefix + "." + kebab(component.getNameAsString());
            property(name, component.getType(), records, depth);
        }
    }

    private void property(String name, Type type, Map<String, RecordDeclaration> records, int depth) {
        Optional<ClassOrInterfaceType> cls = type.toClassOrInterfaceType();
        if (cls.isEmpty()) {
            properties.add(name); // primitives
            return;
        }
        String simple = cls.get().getNameAsString();
        List<Type> args = cls.get().getTypeArguments().map(List::copyOf).orElse(List.of());
        if (simple.equals("Map") && args.size() == 2) {
            property(name + ".*", args.get(1), records, depth + 1);
        } else if (records.containsKey(simple)) {
            walk(name, records.get(simple), records, depth + 1);
        } else {
            // Scalars, and lists (a comma-separated value binds a list from one variable)
            properties.add(name);
        }
    }

    private static String prefixOf(RecordDeclaration record) {
        AnnotationExpr a = record.getAnnotationByName("ConfigurationProperties").orElseThrow();
        return a.findFirst(StringLiteralExpr.class).map(StringLiteralExpr::asString)
                .orElseThrow(() -> new IllegalStateException("no prefix on " + record.getNameAsString()));
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static List<CompilationUnit> parse(Path sources) {
        StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21);
        try (Stream<Path> files = Files.walk(sources)) {
            List<CompilationUnit> units = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                units.add(StaticJavaParser.parse(f));
            }
            return units;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
