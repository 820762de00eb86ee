@echo off
rem faceblur, as unpacked from a download: runs with runtime\ beside it when the archive ships one, else with
rem the java on PATH, which must be 17 or later.
setlocal
set "FACEBLUR_HOME=%~dp0.."
set "FACEBLUR_JAVA=%FACEBLUR_HOME%\runtime\bin\java.exe"
if exist "%FACEBLUR_JAVA%" goto run
set "FACEBLUR_JAVA=java"
where java >nul 2>nul
if errorlevel 1 (
  echo faceblur: needs Java 17 or later: install it and put java on PATH 1>&2
  exit /b 2
)
:run
rem A bounded heap keeps peak memory predictable; frames live in native memory.
"%FACEBLUR_JAVA%" -Xmx1g -XX:+UseSerialGC %FACEBLUR_JAVA_OPTS% -cp "%FACEBLUR_HOME%\lib\*" faceblur.cli.Main %*
exit /b %ERRORLEVEL%
