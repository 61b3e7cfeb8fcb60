// pulumi-language-nodejs is a minimal Node.js language host for the Pulumi engine.
//
// The official host (module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
// cannot be fetched through the filtered Go proxy, so this re-implements the parts a Node.js /
// TypeScript program needs: plugin discovery, dependency install and Run (which spawns
// `node @pulumi/pulumi/cmd/run ...` exactly like the official host). Code generation, RunPlugin
// (policy packs, Node.js-written plugins) and the legacy synchronous-invoke pipes are not
// implemented; @pulumi/pulumi (3.248 to 3.276 checked) does not use the pipes.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Exit code of @pulumi/pulumi/cmd/run meaning "the error was already shown to the user".
const exitAfterUserActionableMessage = 32

func main() {
	tracing := flag.String("tracing", "", "Emit tracing to a Zipkin-compatible tracing endpoint")
	flag.String("root", "", "Project root path (accepted for compatibility, unused)")
	flag.Bool("typescript", true, "Deprecated: use the 'typescript' runtime option in Pulumi.yaml")
	runtimeName := flag.String("runtime", "nodejs", "Only `nodejs` is supported")
	showVersion := flag.Bool("version", false, "Print the plugin version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		return
	}
	if *runtimeName != "nodejs" {
		cmdutil.Exit(fmt.Errorf("unsupported runtime: %s", *runtimeName))
	}
	logging.InitLogging(false, 0, false)

	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	stop := make(chan bool)
	go func() { <-ctx.Done(); close(stop) }()

	h := &host{tracing: *tracing, stop: cancel}
	h.cancelCtx, h.cancel = context.WithCancel(context.Background())
	if addr := flag.Arg(0); addr != "" {
		h.setEngine(ctx, addr)
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host RPC server: %w", err))
	}
	// The engine reads the port from our first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	tracing   string
	stop      context.CancelFunc // shuts the server down
	cancelCtx context.Context    // cancelled by the Cancel RPC
	cancel    context.CancelFunc

	mu            sync.Mutex
	engineAddress string
}

func (h *host) setEngine(ctx context.Context, addr string) {
	h.mu.Lock()
	h.engineAddress = addr
	h.mu.Unlock()
	// Exit when the engine goes away so no host process is orphaned.
	if err := rpcutil.Healthcheck(ctx, addr, 5*time.Minute, h.stop); err != nil {
		cmdutil.Exit(fmt.Errorf("could not start health check: %w", err))
	}
}

func (h *host) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

func (h *host) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.setEngine(context.Background(), req.EngineAddress)
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancel()
	return &emptypb.Empty{}, nil
}

// options are the `runtime.options` of Pulumi.yaml that matter for running a program.
type options struct {
	typescript     bool
	tsconfig       string
	nodeargs       string
	packagemanager npm.PackageManagerType
}

func parseOptions(info *pulumirpc.ProgramInfo) (options, error) {
	o := options{typescript: true, packagemanager: npm.AutoPackageManager}
	m := info.GetOptions().AsMap()
	var ok bool
	if v, has := m["typescript"]; has {
		if o.typescript, ok = v.(bool); !ok {
			return o, errors.New("typescript option must be a boolean")
		}
	}
	if v, has := m["tsconfig"]; has {
		if o.tsconfig, ok = v.(string); !ok {
			return o, errors.New("tsconfig option must be a string")
		}
	}
	if v, has := m["nodeargs"]; has {
		if o.nodeargs, ok = v.(string); !ok {
			return o, errors.New("nodeargs option must be a string")
		}
	}
	if v, has := m["packagemanager"]; has {
		s, ok := v.(string)
		switch npm.PackageManagerType(s) {
		case npm.AutoPackageManager, npm.NpmPackageManager, npm.YarnPackageManager,
			npm.PnpmPackageManager, npm.BunPackageManager:
			o.packagemanager = npm.PackageManagerType(s)
		default:
			if !ok {
				return o, errors.New("packagemanager option must be a string")
			}
			return o, fmt.Errorf("packagemanager option must be one of auto, npm, yarn, pnpm or bun, got %q", s)
		}
	}
	return o, nil
}

// GetRequiredPackages reports every node_modules package whose package.json has
// `"pulumi": {"resource": true}` (e.g. @pulumi/aws), like the official host.
func (h *host) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	pkgs, err := scanPackages(req.GetInfo().GetProgramDirectory(), false, map[string]bool{})
	if err != nil {
		// Partial results are still useful; the official host only logs these errors too.
		logging.V(3).Infof("one or more errors while discovering plugins: %s", err)
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: pkgs}, nil
}

// GetRequiredPlugins is the deprecated predecessor of GetRequiredPackages.
func (h *host) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	pkgs, err := scanPackages(dir, false, map[string]bool{})
	if err != nil {
		logging.V(3).Infof("one or more errors while discovering plugins: %s", err)
	}
	var plugins []*pulumirpc.PluginDependency
	for _, p := range pkgs {
		if p.Parameterization == nil && p.Extension == nil {
			plugins = append(plugins, &pulumirpc.PluginDependency{
				Name: p.Name, Kind: p.Kind, Version: p.Version, Server: p.Server,
			})
		}
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

type packageJSON struct {
	Name    string                  `json:"name"`
	Version string                  `json:"version"`
	Pulumi  plugin.PulumiPluginJSON `json:"pulumi"`
}

// scanPackages walks dir deeply (following symlinks once) and parses each package.json found
// below a node_modules directory.
func scanPackages(dir string, inNodeModules bool, visited map[string]bool) ([]*pulumirpc.PackageDependency, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	if visited[dir] {
		return nil, nil
	}
	visited[dir] = true

	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reading plugin dir %s: %w", dir, err)
	}
	var pkgs []*pulumirpc.PackageDependency
	var errs []error
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			fi, err := os.Stat(path)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			isDir = fi.IsDir()
		}
		switch {
		case isDir:
			// Plugins of a nested policy pack are not dependencies of the program.
			if pp, _ := workspace.DetectPolicyPackPathAt(path); pp != "" {
				continue
			}
			more, err := scanPackages(path, inNodeModules || filepath.Base(dir) == "node_modules", visited)
			if err != nil {
				errs = append(errs, err)
			}
			pkgs = append(pkgs, more...)
		case inNodeModules && e.Name() == "package.json":
			p, err := readPackage(path)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", path, err))
			} else if p != nil {
				pkgs = append(pkgs, p)
			}
		}
	}
	return pkgs, errors.Join(errs...)
}

func readPackage(path string) (*pulumirpc.PackageDependency, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var info packageJSON
	if err := json.Unmarshal(b, &info); err != nil {
		return nil, err
	}
	if !info.Pulumi.Resource {
		return nil, nil
	}
	name := info.Pulumi.Name
	if name == "" {
		if !strings.HasPrefix(info.Name, "@pulumi/") {
			return nil, fmt.Errorf(`missing property "name" for the third-party plugin %q `+
				`inside package.json under the "pulumi" section`, info.Name)
		}
		name = strings.TrimPrefix(info.Name, "@pulumi/")
	}
	ver := info.Pulumi.Version
	if ver == "" {
		ver = info.Version
	}
	if ver == "" {
		return nil, errors.New(`missing expected "version" property`)
	}
	if !strings.HasPrefix(ver, "v") {
		ver = "v" + ver
	}
	param := func(p *plugin.PulumiParameterizationJSON) *pulumirpc.PackageParameterization {
		if p == nil {
			return nil
		}
		return &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
	}
	dep := &pulumirpc.PackageDependency{
		Name: name, Kind: "resource", Version: ver, Server: info.Pulumi.Server,
		Parameterization: param(info.Pulumi.Parameterization),
		Extension:        param(info.Pulumi.ExtensionParameterization),
	}
	return dep, nil
}

// locateModule resolves a module the way Node would from the program directory.
func locateModule(ctx context.Context, nodeBin, dir, mod string) (string, error) {
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)); } catch (e) { `+
		`console.error(e.code === "MODULE_NOT_FOUND" ? `+
		`"It looks like the Pulumi SDK has not been installed. Have you run pulumi install?" : e.message); `+
		`process.exit(1); }`, mod)
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		return "", errors.New(strings.TrimSpace(string(ee.Stderr)))
	} else if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	engine := h.engine()
	if engine == "" {
		return nil, errors.New("when debugging or running explicitly, must call Handshake before Run")
	}
	info := req.GetInfo()
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the $PATH: " + err.Error()}, nil
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = "@pulumi/pulumi/cmd/run"
	}
	if runPath, err = locateModule(ctx, nodeBin, info.GetProgramDirectory(), runPath); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	opts, err := parseOptions(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	// Keys are passed as <ns>:config:<name>, the form every @pulumi/pulumi version understands.
	cfg := map[string]string{}
	for k, v := range req.GetConfig() {
		key, err := config.ParseKey(k)
		if err != nil {
			return nil, err
		}
		cfg[key.Namespace()+":config:"+key.Name()] = v
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(), "PULUMI_CONFIG="+string(cfgJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(secretJSON))
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	// The official host quotes nodeargs with shlex; whitespace splitting covers plain flags.
	args := append(strings.Fields(opts.nodeargs), runPath)
	flagArg := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	// The program talks to the engine's monitor directly (the official host proxies it only to
	// serve synchronous invokes, which @pulumi/pulumi no longer uses).
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", engine)
	flagArg("organization", req.GetOrganization())
	flagArg("project", req.GetProject())
	flagArg("root-directory", info.GetRootDirectory())
	flagArg("stack", req.GetStack())
	flagArg("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flagArg("parallel", strconv.Itoa(int(req.GetParallel())))
	flagArg("tracing", h.tracing)
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(append(args, entry), req.GetArgs()...)
	logging.V(5).Infof("Language host launching process: %s %s", nodeBin, strings.Join(args, " "))

	cmdCtx, cmdCancel := context.WithCancel(h.cancelCtx)
	defer cmdCancel()
	context.AfterFunc(ctx, cmdCancel)
	cmd := exec.CommandContext(cmdCtx, nodeBin, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	// Node may switch its stdio to non-blocking mode; wrapping hides the *os.File so Go copies
	// through pipes instead of handing our own descriptors to the child.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	cmd.Env = env

	err = cmd.Run()
	_ = os.Stdout.Sync()
	_ = os.Stderr.Sync()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() == exitAfterUserActionableMessage:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() > 0:
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
		}, nil
	case errors.As(err, &exitErr):
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited unexpectedly: %v", exitErr)}, nil
	default:
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err),
		}, nil
	}
}

// InstallDependencies runs the package manager unless node_modules is already present (this
// project symlinks or pre-installs node_modules, and package registries may be unreachable).
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()

	root := req.GetInfo().GetProgramDirectory()
	if ws, err := npm.FindWorkspaceRoot(root); err == nil {
		fmt.Fprintf(stdout, "Detected workspace root at %s\n", ws)
		root = ws
	} else if !errors.Is(err, npm.ErrNotInWorkspace) {
		return fmt.Errorf("failure while trying to find workspace root: %w", err)
	}
	if fi, err := os.Stat(filepath.Join(root, "node_modules")); err == nil && fi.IsDir() {
		fmt.Fprintf(stdout, "Dependencies already installed in %s\n\n", filepath.Join(root, "node_modules"))
		return closer.Close()
	}
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return fmt.Errorf("failed to parse options: %w", err)
	}
	fmt.Fprint(stdout, "Installing dependencies...\n\n")
	if _, err := npm.Install(server.Context(), opts.packagemanager, root, false, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprint(stdout, "Finished installing dependencies\n\n")
	return closer.Close()
}

func (h *host) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *host) Template(context.Context, *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return &pulumirpc.TemplateResponse{}, nil
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	resp := &pulumirpc.AboutResponse{Executable: nodeBin, Metadata: map[string]string{}}
	if out, err := exec.CommandContext(ctx, nodeBin, "--version").Output(); err == nil {
		resp.Version = strings.TrimSpace(string(out))
	}
	if opts, err := parseOptions(req.GetInfo()); err == nil {
		if pm, err := npm.ResolvePackageManager(opts.packagemanager, req.GetInfo().GetProgramDirectory()); err == nil {
			resp.Metadata["packagemanager"] = pm.Name()
			if v, err := pm.Version(); err == nil {
				resp.Metadata["packagemanagerVersion"] = v.String()
			}
		}
	}
	return resp, nil
}

func (h *host) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return nil, fmt.Errorf("failed to parse options: %w", err)
	}
	dir := req.GetInfo().GetProgramDirectory()
	pm, err := npm.ResolvePackageManager(opts.packagemanager, dir)
	if err != nil {
		return nil, fmt.Errorf("failed to determine package manager: %w", err)
	}
	pkgs, err := pm.ListPackages(ctx, dir, req.GetTransitiveDependencies())
	if err != nil {
		return nil, fmt.Errorf("failed to get node dependencies: %w", err)
	}
	deps := make([]*pulumirpc.DependencyInfo, len(pkgs))
	for i, p := range pkgs {
		deps[i] = &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version}
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}
