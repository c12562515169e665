package dev.daybook.status.batch;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.daybook.status.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batch runs on demand and their reports, from the JobRepository (admin only: {@code /v1/admin/**} needs the
 * admin role). A run's id is its job instance's; its report shows its newest execution.
 */
@RestController
@RequestMapping("/v1/admin/batch")
class BatchController {

    private final RunRequests requests;
    private final BatchRunner runner;
    private final JsonMapper json;

    BatchController(RunRequests requests, JsonMapper json) {
        this.requests = requests;
        this.runner = requests.runner();
        this.json = json;
    }

    record Runs(List<String> jobs, List<RunReport> runs) {
    }

    /**
     * Starts a run with the JSON object's entries as parameters; 202 with the run's report. In the public role the
     * run is {@code queued} under the id {@code request-<n>} until an ops pod claims and starts it; asked for again
     * with the same parameters meanwhile, it is 409 {@code batch_running} as if it ran.
     */
    @PostMapping("/{name}")
    ResponseEntity<RunReport> start(@PathVariable String name, @RequestBody(required = false) String body) {
        try {
            Map<String, String> params = BatchParams.fromJson(json, body);
            if (params.containsKey("user")) { // typed by hand, unlike the signed-in user of every other endpoint
                UserIds.check(params.get("user"));
            }
            RunReport run = requests.start(name, params);
            return ResponseEntity.accepted().location(URI.create("/v1/admin/batch/runs/" + run.id())).body(run);
        } catch (BatchRunner.UnknownJob e) {
            throw ApiProblem.notFound("batch_job_not_found", e.getMessage() + "; jobs: " + runner.names());
        } catch (BatchRunner.Busy e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "batch_running", e.getMessage());
        } catch (ImportRoots.Refused e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, e.code(), e.getMessage());
        } catch (Exports.OwnedByAnother e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "export_id_taken", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    @GetMapping("/runs")
    Runs runs(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 200) {
            throw ApiProblem.badRequest("limit must be between 1 and 200");
        }
        return new Runs(List.copyOf(runner.names()), requests.list(runner.names(), limit));
    }

    /**
     * Stops a running run through {@code JobOperator.stop}: its step notices at the next chunk, on whichever
     * replica runs it; 202 with the report as it stands. A run still queued is removed and never runs
     * ({@code cancelled}); a queued restart is called off.
     */
    @PostMapping("/runs/{id}/cancel")
    ResponseEntity<RunReport> cancel(@PathVariable String id) {
        try {
            return ResponseEntity.accepted().location(URI.create("/v1/admin/batch/runs/" + id)).body(requests.cancel(id));
        } catch (java.util.NoSuchElementException e) {
            throw ApiProblem.notFound("batch_run_not_found", "no batch run " + id);
        } catch (BatchRunner.NotRunning e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "batch_run_finished", e.getMessage());
        }
    }

    /**
     * Restarts a failed, cancelled or abandoned run as the same job instance: it resumes from its last
     * committed chunk. 202 with the report, running again.
     */
    @PostMapping("/runs/{id}/restart")
    ResponseEntity<RunReport> restart(@PathVariable String id) {
        try {
            return ResponseEntity.accepted().location(URI.create("/v1/admin/batch/runs/" + id)).body(requests.restart(id));
        } catch (java.util.NoSuchElementException e) {
            throw ApiProblem.notFound("batch_run_not_found", "no batch run " + id);
        } catch (BatchRunner.NotRestartable e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "batch_run_not_restartable", e.getMessage());
        } catch (BatchRunner.Busy e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "batch_running", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    @GetMapping("/runs/{id}")
    RunReport run(@PathVariable String id) {
        return requests.find(id).orElseThrow(() -> ApiProblem.notFound("batch_run_not_found", "no batch run " + id));
    }
}
