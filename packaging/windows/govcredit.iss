; Inno Setup script of the Windows installer (Inno Setup 6).  Saved as UTF-8 with a BOM:
; without it Inno Setup reads the Chinese as the system's ANSI code page.  Built by
; .github/workflows/windows.yml from the one-folder build:
;
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\govcredit-desktop packaging\windows\govcredit.iss
;
; Per-user: no administrator rights (a clerk's PC rarely grants them), installed under
; %LOCALAPPDATA%\Programs.  The ledger is NOT here: it lives in
; %LOCALAPPDATA%\govcredit-desktop (store/connection.py default_db_path, with its backups
; and logs), which this installer never writes and its uninstaller never removes, so an
; upgrade or an uninstall keeps every record.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (packaging metadata of govcredit-desktop)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\govcredit-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "政务失信问题整改台账"
#define AppExe "govcredit-desktop.exe"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{6C1E2F4B-9D3A-4E57-A1B8-3F2D7C9E0A61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=govcredit
DefaultDirName={autopf}\govcredit-desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
; x64 rather than 6.3's x64compatible: also read by the older Inno Setup 6 of a runner image.
ArchitecturesAllowed=x64
ArchitecturesInstallIn64BitMode=x64
OutputDir={#OutputDir}
OutputBaseFilename=govcredit-desktop-{#AppVersion}-setup
SetupIconFile=govcredit-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running copy holds its files open: ask to close it rather than fail half-way.
CloseApplications=yes
ShowLanguageDialog=no

[Languages]
; Inno Setup's Chinese translation is among its unofficial ones, not installed with it:
; windows.yml fetches ChineseSimplified.isl from the issrc repository beside this script.
Name: "chs"; MessagesFile: "ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the program's own folder completely (a module removed in the new
; version must not linger); the ledger is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\卸载{#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "立即启动{#AppName}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself put into its own folder; %LOCALAPPDATA%\govcredit-desktop
; (the ledger, its backups, the log) stays.
Type: filesandordirs; Name: "{app}\_internal"

[Messages]
chs.UninstalledAll=已卸载 %1。%n%n台账数据保留在本用户的 AppData\Local\govcredit-desktop 文件夹中，重新安装后可继续使用；如确需删除，请先备份后手动删除该文件夹。
