# Applies the CfitsioNet fixes (native/patches/NNNN-*.patch, in the order of their numbers) to a CFITSIO source tree:
#   cmake -DSOURCE_DIR=<cfitsio source> -P native/patches/apply.cmake
# native/CMakeLists.txt runs it as ExternalProject's PATCH_COMMAND; the vcpkg overlay port (native/vcpkg/ports/cfitsio)
# applies the same files with vcpkg's own patch step. Both use `git apply`, which takes a patch whole or not at all
# (no fuzz).
#
# Re-runnable: patches already in the tree are skipped (see below). A patch that does not apply fails the build and
# names the file, so a new CFITSIO version cannot silently drop a fix: rework the patch for that version
# (docs/packaging.md, "CFITSIO patches").
cmake_minimum_required(VERSION 3.16)

if(NOT SOURCE_DIR OR NOT IS_DIRECTORY "${SOURCE_DIR}")
  message(FATAL_ERROR "apply.cmake: pass -DSOURCE_DIR=<CFITSIO source tree> (got '${SOURCE_DIR}').")
endif()
if(NOT PATCH_DIR)
  set(PATCH_DIR "${CMAKE_CURRENT_LIST_DIR}")
endif()

find_program(GIT_EXECUTABLE git)
if(NOT GIT_EXECUTABLE)
  message(FATAL_ERROR "apply.cmake: git is needed to apply native/patches (Debian: apt-get install git; macOS: xcode-select --install).")
endif()

file(GLOB patches "${PATCH_DIR}/[0-9][0-9][0-9][0-9]-*.patch")
list(SORT patches)
if(NOT patches)
  message(FATAL_ERROR "apply.cmake: no NNNN-*.patch files in ${PATCH_DIR}.")
endif()

# git apply in the source tree alone: --git-dir names a repository that does not exist, so a repository around the
# tree (this one, when the build folder is inside the checkout) plays no part. The same form as vcpkg's patch step.
function(git_apply patch result output)
  execute_process(
    COMMAND "${GIT_EXECUTABLE}" -c core.autocrlf=false --git-dir=.cfitsionet-no-git --work-tree=.
            apply --whitespace=nowarn ${ARGN} "${patch}"
    WORKING_DIRECTORY "${SOURCE_DIR}"
    RESULT_VARIABLE code
    OUTPUT_VARIABLE out
    ERROR_VARIABLE out)
  set(${result} ${code} PARENT_SCOPE)
  set(${output} "${out}" PARENT_SCOPE)
endfunction()

# Already applied: the tree holds patches 1..k when patch k applies in reverse, and reverting k..1 in that order (on
# a scratch copy) succeeds; then only k+1.. are applied. A later patch can change the context of an earlier one
# (0002 to 0004 all touch imcompress.c), which is why earlier patches are checked on the scratch copy, not the tree.
list(LENGTH patches count)
set(applied 0)
foreach(index RANGE 1 ${count})
  math(EXPR at "${count} - ${index}")
  list(GET patches ${at} patch)
  git_apply("${patch}" reverse reverse_output --check --reverse)
  if(reverse EQUAL 0)
    math(EXPR applied "${at} + 1")
    break()
  endif()
endforeach()
if(applied GREATER 0)
  string(RANDOM LENGTH 8 suffix)
  set(scratch "${SOURCE_DIR}/../cfitsionet-patch-check-${suffix}")
  file(COPY "${SOURCE_DIR}/" DESTINATION "${scratch}")
  set(real_source "${SOURCE_DIR}")
  set(SOURCE_DIR "${scratch}")
  math(EXPR last "${applied} - 1")
  foreach(at RANGE ${last} 0 -1)
    list(GET patches ${at} patch)
    get_filename_component(name "${patch}" NAME)
    git_apply("${patch}" reverted reverted_output --reverse)
    if(NOT reverted EQUAL 0)
      file(REMOVE_RECURSE "${scratch}")
      message(FATAL_ERROR
        "apply.cmake: ${real_source} holds a later patch but not ${name} as it is now:\n${reverted_output}\n"
        "Delete the build folder so the source is extracted afresh.")
    endif()
  endforeach()
  file(REMOVE_RECURSE "${scratch}")
  set(SOURCE_DIR "${real_source}")
endif()

set(at 0)
foreach(patch IN LISTS patches)
  get_filename_component(name "${patch}" NAME)
  math(EXPR at "${at} + 1")
  if(at LESS_EQUAL applied)
    message(STATUS "CFITSIO patch ${name}: already applied, skipped")
    continue()
  endif()
  git_apply("${patch}" forward forward_output --check)
  if(NOT forward EQUAL 0)
    message(FATAL_ERROR
      "apply.cmake: ${patch} does not apply to ${SOURCE_DIR}.\n"
      "git apply said:\n${forward_output}\n"
      "If CFITSIO's version changed, rework this patch for the new source (its header says what it repairs); "
      "if the patch itself was edited after a build, delete the build folder so the source is extracted afresh.")
  endif()
  git_apply("${patch}" done done_output)
  if(NOT done EQUAL 0)
    message(FATAL_ERROR "apply.cmake: ${name} passed git apply --check but did not apply:\n${done_output}")
  endif()
  message(STATUS "CFITSIO patch ${name}: applied")
endforeach()
