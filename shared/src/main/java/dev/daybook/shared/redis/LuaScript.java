package dev.daybook.shared.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * One named Lua script from {@code resources/daybook/lua}, loaded once and run by SHA. When Redis has lost
 * its script cache (a restart, a failover, SCRIPT FLUSH) the script is loaded again and the call repeated.
 * Every module runs its scripts through this class (an ArchUnit rule says so).
 */
public final class LuaScript {

    private static final String INCLUDE = "--@include";
    private static final String NAMES = "--@names";

    private final String name;
    private final String source;
    private volatile String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
    }

    /**
     * The script {@code daybook/lua/<name>.lua} on the classpath, e.g. {@code named("llm/acquirePermit-1")}.
     * A line {@code --@include <fragment>} is replaced by {@code daybook/lua/includes/<fragment>.lua} (as
     * BullMQ's {@code includes/}), so lines several scripts share are written once.
     */
    public static LuaScript named(String name) {
        return named(name, Map.of());
    }

    /**
     * The script with its fragments, and the token {@code --@names} replaced by a Lua table of {@code names}
     * (name → value): how names owned by Java enums reach a script once, when it is loaded, instead of with
     * every call. Both sides must be plain identifiers.
     */
    public static LuaScript named(String name, Map<String, String> names) {
        String source = expand(read("/daybook/lua/" + name + ".lua"));
        if (source.contains(NAMES)) {
            source = source.replace(NAMES, table(names));
        }
        return new LuaScript(name, source);
    }

    private static String table(Map<String, String> names) {
        StringJoiner t = new StringJoiner(", ", "{", "}");
        names.forEach((k, v) -> {
            if (!k.matches("[a-z_][a-z0-9_]*") || !v.matches("[a-z0-9_:-]+")) {
                throw new IllegalArgumentException("name not safe for a Lua table: " + k + "=" + v);
            }
            t.add(k + " = '" + v + "'");
        });
        return t.toString();
    }

    private static String expand(String source) {
        StringBuilder out = new StringBuilder(source.length());
        for (String line : source.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.startsWith(INCLUDE)) {
                String fragment = trimmed.substring(INCLUDE.length()).trim();
                if (!fragment.matches("[A-Za-z0-9_-]+")) {
                    throw new IllegalStateException("invalid Lua include: " + fragment);
                }
                out.append(read("/daybook/lua/includes/" + fragment + ".lua")).append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String read(String path) {
        try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        String current = sha;
        if (current == null) {
            current = load(redis);
        }
        try {
            return redis.evalsha(current, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.evalsha(load(redis), keys, args);
        }
    }

    /**
     * Runs the script once per (keys, args) pair in one pipelined round trip; results come back in order.
     * Calls that met an empty script cache are loaded and run again one by one.
     */
    public List<Object> runAll(UnifiedJedis redis, List<List<String>> keys, List<List<String>> args) {
        String current = sha == null ? load(redis) : sha;
        List<Response<Object>> responses = new ArrayList<>(keys.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (int i = 0; i < keys.size(); i++) {
                responses.add(p.evalsha(current, keys.get(i), args.get(i)));
            }
            p.sync();
        }
        List<Object> results = new ArrayList<>(keys.size());
        for (int i = 0; i < responses.size(); i++) {
            try {
                results.add(responses.get(i).get());
            } catch (JedisNoScriptException e) {
                results.add(run(redis, keys.get(i), args.get(i)));
            }
        }
        return results;
    }

    private String load(UnifiedJedis redis) {
        String loaded = redis.scriptLoad(source);
        sha = loaded;
        return loaded;
    }

    @Override
    public String toString() {
        return name;
    }
}
